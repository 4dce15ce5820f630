import { AsyncLocalStorage } from 'node:async_hooks';
import { machineTimeZone } from '../localTime.js';

type Environment = Record<string, string | undefined>;

/**
 * The environment git runs in: the running command's own (`Io.env`), not whatever this process's
 * `process.env` holds. Tests run many commands in one process, each with its own identity
 * (GIT_AUTHOR_EMAIL, CAREPLAN_AS); the command's environment reaches every git process it starts
 * without being passed through each function on the way.
 */
const current = new AsyncLocalStorage<{ env: Environment; answers: Map<string, Promise<unknown>> }>();

/** Runs `work` with `env` as the environment of every child process it starts. */
export function withEnvironment<T>(env: Environment, work: () => T): T {
  return current.run({ env, answers: new Map() }, work);
}

/**
 * The running command's memo of git's answers (gitRunner.ts asks each question once per command);
 * undefined outside a command, where nothing is remembered.
 */
export function commandAnswers(): Map<string, Promise<unknown>> | undefined {
  return current.getStore()?.answers;
}

/** The environment for a child process: the command's (else this process's), with `extra` on top. */
export function childEnvironment(extra: Record<string, string> = {}): Record<string, string> {
  const base = current.getStore()?.env ?? process.env;
  const env: Record<string, string> = {};
  for (const [key, value] of Object.entries(base)) if (value !== undefined) env[key] = value;
  // This process's TZ may be the home's zone, set for local times (localTime.ts); git gets the machine's.
  const machine = machineTimeZone();
  if (base === process.env && machine.changed) {
    if (machine.value === undefined) delete env.TZ;
    else env.TZ = machine.value;
  }
  return Object.assign(env, extra);
}

/** A count a setting in the environment gives (`CAREPLAN_*_FROM`): `fallback` when unset, empty or not a number. */
export function countFrom(value: string | undefined, fallback: number): number {
  const count = value === undefined || value.trim() === '' ? Number.NaN : Number(value);
  return Number.isFinite(count) ? count : fallback;
}
