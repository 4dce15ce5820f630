/** SPEC section 1: every id (person, staff, need, action, goal, slug) matches this. */
export const ID_PATTERN = /^[a-z0-9][a-z0-9-]{0,62}$/;

export function isId(value: string): boolean {
  return ID_PATTERN.test(value);
}

/** A usage message for a bad id, naming what it should look like. */
export function idProblem(value: string, what: string): string | undefined {
  if (isId(value)) return undefined;
  return (
    `${what} "${value}" is not a valid id: use lowercase letters, digits and hyphens, starting with a letter or digit, at ` +
    'most 63 characters (for example p-edith)'
  );
}
