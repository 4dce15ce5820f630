/** Types of scripts/sources-stamp.js, for the tests' global setup. */
export function sourcesHash(root?: string): string;
export function builtFromSources(root?: string): boolean;
export function writeStamp(root?: string): void;
