import { describe, expect, it } from 'vitest';
import { appendEntryText, editRecordText, recordYaml } from '../../src/repo/yamlEdit.js';
import { readCoreYaml } from '../../src/model/coreSchema.js';
import {
  CLASSES,
  compareReads,
  type FastReader,
  compareWrite,
  recordDocument,
  seededRandom,
  shrink,
  writers,
  writtenText,
  type Reads,
} from '../helpers/yamlFuzz.js';

/**
 * Differential fuzzing of every way careplan reads and writes YAML against the reference reader
 * (js-yaml's core schema). In `npm test`: 10,000 documents and 2,000 written values from a fixed
 * seed, a few seconds. `npm run fuzz` runs the same for minutes from a fresh seed each time;
 * FUZZ_DOCS and FUZZ_SEED set the size and the seed (a mismatch names both, so it can be re-run).
 */
const longRun = process.env.npm_lifecycle_event === 'fuzz';
const docs = Number(process.env.FUZZ_DOCS ?? (longRun ? 500_000 : 10_000));
const seed = Number(process.env.FUZZ_SEED ?? (longRun ? Math.floor(Math.random() * 2 ** 31) : 16));
const values = Math.max(200, Math.floor(docs / 5));
const timeout = 60_000 + docs * 5;

// A long run must let vitest's worker talk to the main process now and then, or vitest reports a
// timeout of its own.
const breather = () => new Promise<void>((resolve) => setImmediate(resolve));

const progress = (what: string, done: number, total: number, started: number) => {
  if (longRun && done % 50_000 === 0)
    process.stderr.write(`${what}: ${done}/${total} in ${((Date.now() - started) / 1000).toFixed(0)} s (seed ${seed})\n`);
};

describe(`differential fuzz of the YAML read and write paths (seed ${seed})`, () => {
  it(
    `reads ${docs.toLocaleString('en-GB')} record-shaped documents exactly as the reference does`,
    async () => {
      const rand = seededRandom(seed);
      const applied = new Map<string, number>(Object.keys(CLASSES).map((name) => [name, 0]));
      const counts = { fast: 0, refusedOnPurpose: 0, yamlAgrees: 0, scanned: 0 };
      const started = Date.now();
      for (let i = 0; i < docs; i++) {
        const { text, classes } = recordDocument(rand);
        for (const name of classes) applied.set(name, (applied.get(name) ?? 0) + 1);
        const reads: Reads = { fast: false, refusedOnPurpose: false, yamlAgrees: false, scanned: false };
        const mismatch = compareReads(text, reads);
        if (mismatch) {
          const minimal = shrink(text, (candidate) => compareReads(candidate) !== undefined);
          expect.fail(
            `document ${i} of seed ${seed} (classes: ${classes.join(', ') || 'free-form'}) is misread.\n` +
              `Minimal document: ${JSON.stringify(minimal)}\n${compareReads(minimal)}\n` +
              `Re-run: FUZZ_SEED=${seed} FUZZ_DOCS=${i + 1} npm run fuzz`,
          );
        }
        if (reads.fast) counts.fast++;
        if (reads.refusedOnPurpose) counts.refusedOnPurpose++;
        if (reads.yamlAgrees) counts.yamlAgrees++;
        if (reads.scanned) counts.scanned++;
        progress('read', i + 1, docs, started);
        if (i % 2000 === 1999) await breather();
      }
      if (longRun)
        process.stderr.write(
          `read: ${docs} documents, seed ${seed}, no ` +
            `mismatch, ${((Date.now() - started) / 1000).toFixed(1)} s; ${JSON.stringify(counts)}\n`,
        );
      // The run must reach every class and every path, or it proves nothing about them.
      for (const [name, times] of applied) expect(times, name).toBeGreaterThan(docs / 400);
      expect(counts.fast).toBeGreaterThan(docs / 10);
      expect(counts.refusedOnPurpose).toBeGreaterThan(docs / 50);
      expect(counts.yamlAgrees).toBeGreaterThan(docs / 5);
      expect(counts.scanned).toBeGreaterThan(docs / 10);
    },
    timeout,
  );

  it(
    `writes ${values.toLocaleString('en-GB')} awkward texts into records that read back as meant`,
    async () => {
      const rand = seededRandom(seed + 1);
      const all = writers({ recordYaml, appendEntryText, editRecordText });
      const started = Date.now();
      for (let i = 0; i < values; i++) {
        const value = writtenText(rand);
        for (const [name, write] of Object.entries(all)) {
          const written = write(value, rand);
          const mismatch = written && compareWrite(written);
          if (mismatch)
            expect.fail(
              `value ${i} of seed ${seed + 1}, written as ${name}: ${JSON.stringify(value)}\n${mismatch}\n` +
                `Text: ${JSON.stringify(written.text)}`,
            );
        }
        progress('write', i + 1, values, started);
        if (i % 500 === 499) await breather();
      }
      if (longRun)
        process.stderr.write(
          `write: ${values} values × ${Object.keys(all).length} writers, no mismatch, ${((Date.now() - started) / 1000).toFixed(1)} s\n`,
        );
    },
    timeout,
  );
});

describe('the fuzzer itself', () => {
  it('catches a fast path that misreads, and shrinks the document to the misread', () => {
    // The old fast path trimmed trailing Unicode white space, as JavaScript's trimEnd does.
    const trimming: FastReader = [
      'trimming',
      (text) => {
        try {
          return readCoreYaml(text.replace(/[\u00a0\u3000]+$/gm, '')) ?? undefined;
        } catch {
          return undefined;
        }
      },
    ];
    const fails = (text: string) => compareReads(text, undefined, [trimming]) !== undefined;
    expect(compareReads('- result: declined\u00a0\n', undefined, [trimming])).toMatch(
      /trimming read .*declined.*the reference reads .*declined\u00a0/,
    );
    expect(fails('- result: declined\n')).toBe(false);
    const minimal = shrink('# Edie\n- at: 2026-11-02T12:40\n  result: declined\u00a0\n  note: ok\n', fails);
    expect(fails(minimal)).toBe(true);
    expect(minimal).toMatch(/^.{1,3}\u00a0$/);
  });

  it('a key written as `~` is the key "null": its line holds it (seed 195046584, document 270295)', () => {
    expect(compareReads('- ~:\n- null:')).toBeUndefined();
    expect(compareReads('- Null: 1\n- null: 2\n')).toBeUndefined();
  });

  it('the same seed makes the same documents', () => {
    const a = seededRandom(7);
    const b = seededRandom(7);
    for (let i = 0; i < 50; i++) expect(recordDocument(a)).toEqual(recordDocument(b));
  });
});
