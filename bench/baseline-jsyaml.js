#!/usr/bin/env node
// Baseline: read and parse every YAML file of a repository with js-yaml alone, nothing else.
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import yaml from 'js-yaml';

const root = process.argv[2];
let files = 0;
let entries = 0;
const walk = (dir) => {
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    if (entry.name.startsWith('.')) continue;
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) walk(full);
    else if (entry.name.endsWith('.yaml')) {
      const value = yaml.load(readFileSync(full, 'utf8'), { schema: yaml.CORE_SCHEMA });
      files++;
      if (Array.isArray(value)) entries += value.length;
    }
  }
};
walk(root);
console.log(`${files} files, ${entries} list entries`);
