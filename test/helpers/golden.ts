import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { expect } from 'vitest';
import { PROJECT } from './repo.js';

const DIR = path.join(PROJECT, 'test', 'golden');

/**
 * Compares a formatter's whole output with test/golden/NAME, its expected output as reviewed by eye.
 * UPDATE_GOLDEN=1 writes the files instead: review `git diff test/golden` before committing them.
 */
export function expectGolden(name: string, actual: string): void {
  const file = path.join(DIR, name);
  if (process.env.UPDATE_GOLDEN === '1') {
    mkdirSync(path.dirname(file), { recursive: true });
    writeFileSync(file, actual);
    return;
  }
  if (!existsSync(file)) throw new Error(`there is no test/golden/${name}: run the test with UPDATE_GOLDEN=1 and review the file`);
  expect(actual).toBe(readFileSync(file, 'utf8'));
}

/** A paint that shows where colour goes, as <red>…</red>, so a golden file can check it. */
export const TAGS = {
  red: (t: string) => `<red>${t}</red>`,
  yellow: (t: string) => `<yellow>${t}</yellow>`,
  green: (t: string) => `<green>${t}</green>`,
  dim: (t: string) => `<dim>${t}</dim>`,
  bold: (t: string) => `<bold>${t}</bold>`,
};
