import type { z } from 'zod';

/**
 * Renders zod issues as one readable line: `field.path: message; ...`. Used
 * for 422 `detail` strings; the messages come from our schemas and never
 * contain the rejected values.
 */
export function formatValidationIssues(error: z.ZodError, prefix = ''): string {
  return error.issues
    .map((issue) => {
      const path = [prefix, ...issue.path.map(String)].filter((part) => part !== '').join('.');
      return path ? `${path}: ${issue.message}` : issue.message;
    })
    .join('; ');
}
