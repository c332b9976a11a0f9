/**
 * The one form in which entity names and aliases are compared, by core and
 * by every store: Unicode-decomposed with combining marks removed ("Café" =
 * "cafe"), lower case, a possessive "'s" dropped ("Caroline's" =
 * "caroline"), and every run of characters that are neither letters nor
 * digits turned into one space ("O'Brien" = "o brien", "St. Louis" =
 * "st louis"). Idempotent, so a store may apply it to names it is given and
 * get them back unchanged.
 */
export function normalizeEntityName(name: string): string {
  return name
    .normalize('NFKD')
    .replace(/\p{M}+/gu, '')
    .toLowerCase()
    .replace(/['’]s\b/g, '')
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim();
}
