/**
 * NHS numbers carry a modulus 11 check digit: weights 10..2 over the first nine digits, the check
 * digit is 11 - (sum mod 11), where 11 means 0 and 10 means the number is invalid.
 */
export function isValidNhsNumber(value: string): boolean {
  const digits = value.replace(/ /g, '');
  if (!/^\d{10}$/.test(digits)) return false;
  let sum = 0;
  for (let i = 0; i < 9; i++) sum += Number(digits[i]) * (10 - i);
  const check = 11 - (sum % 11);
  if (check === 10) return false;
  return (check === 11 ? 0 : check) === Number(digits[9]);
}
