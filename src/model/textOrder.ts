/**
 * The one order careplan sorts text in, whatever language the machine is set to: English
 * (Unicode's root order, as `localeCompare` gives on an English machine). `localeCompare` with no
 * locale sorts by the machine's language, so the same records printed in another order on a
 * Danish laptop (aa after z) or a Lithuanian one (y between i and j) than in CI
 * (test/e2e/text-order.test.ts). The collator is made on first use: ICU takes a few milliseconds
 * to start one.
 */
let collator: Intl.Collator | undefined;

export function compareText(a: string, b: string): number {
  collator ??= new Intl.Collator('en-GB');
  return collator.compare(a, b);
}
