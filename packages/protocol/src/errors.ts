import { z } from 'zod';

/**
 * The wire error body. `detail` is a string for every status except 402 and
 * 409, where the Synap SDK reads a structured object.
 */
export const errorBodySchema = z.object({
  detail: z.union([z.string(), z.object({ code: z.string(), message: z.string() }).catchall(z.unknown())]),
});

/** Parsed form of {@link errorBodySchema}. */
export type ErrorBody = z.infer<typeof errorBodySchema>;
