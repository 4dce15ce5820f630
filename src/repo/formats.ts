import * as ajvFormats from 'ajv-formats/dist/formats.js';
import { isCalendarDate, isTimestamp } from '../model/time.js';
import { isValidNhsNumber } from '../model/nhsNumber.js';

const { fullFormats } = ajvFormats as unknown as { fullFormats: { email: RegExp } };

/**
 * The string formats careplan's schemas use, as plain functions: the same definitions serve the
 * validators compiled at run time and those generated at build time (scripts/build-validators.js).
 */
export const formats: Record<string, (value: string) => boolean> = {
  date: isCalendarDate,
  email: (value) => fullFormats.email.test(value),
  'careplan-timestamp': isTimestamp,
  'nhs-number': isValidNhsNumber,
};
