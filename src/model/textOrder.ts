/**
 * The one order careplan sorts text in, whatever language the machine is set to: English
 * (Unicode's root order, as `localeCompare` gives on an English machine). `localeCompare` with no
 * locale sorts by the machine's language, so the same records printed in another order on a
 * Danish laptop (aa after z) or a Lithuanian one (y between i and j) than in CI
 * (test/e2e/text-order.test.ts).
 *
 * Ids, dates, months and paths (lower-case letters, digits, `-`, `.`, `/`) are compared by their
 * characters' codes, which gives that order for them (test/unit/text-order.test.ts compares the two
 * on random strings): ICU takes about 5 ms to start a collator, and most commands sort only such
 * text. Anything else goes to the collator, made on first use.
 */
let collator: Intl.Collator | undefined;

const PLAIN = /^[a-z0-9./-]*$/;

export function compareText(a: string, b: string): number {
  if (PLAIN.test(a) && PLAIN.test(b)) return a < b ? -1 : a > b ? 1 : 0;
  collator ??= new Intl.Collator('en-GB');
  return collator.compare(a, b);
}
