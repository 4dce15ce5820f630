#!/usr/bin/env node
// Prints the plan hash (SPEC section 1) of each plan.yaml named: a helper for hand-written records.
import { readFileSync } from 'node:fs';
import yaml from 'js-yaml';
import { planHash } from '../dist/model/planHash.js';

for (const file of process.argv.slice(2)) {
  console.log(`${planHash(yaml.load(readFileSync(file, 'utf8'), { schema: yaml.CORE_SCHEMA }))}  ${file}`);
}
