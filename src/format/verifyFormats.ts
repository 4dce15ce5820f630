import type { VerifyReport } from '../history/verify.js';
import { json, readable, type Registry } from './registry.js';
import { formatVerifyJson } from './verifyJson.js';
import { formatVerifyText } from './verifyText.js';

/** `careplan verify --format …`. */
export const VERIFY_FORMATS: Registry<'verify', VerifyReport> = {
  text: readable(formatVerifyText),
  json: json(formatVerifyJson),
};
