/**
 * The form in which entity names and aliases are compared: Unicode-decomposed
 * with combining marks removed ("Café" = "cafe"), lower case, and every run of
 * characters that are neither letters nor digits turned into one space
 * ("O'Brien" = "o brien", "St. Louis" = "st louis"). Idempotent, so a caller
 * that already normalised gets the same string back.
 */
export function normalizeEntityName(name: string): string {
  return name
    .normalize('NFKD')
    .replace(/\p{M}+/gu, '')
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim();
}
