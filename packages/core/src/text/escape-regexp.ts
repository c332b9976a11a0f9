/** `text` with every regular-expression metacharacter escaped, to embed a name in a pattern. */
export function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
