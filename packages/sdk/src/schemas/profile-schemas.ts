import { z } from 'zod';

/** One attribute of a caller profile. */
export const profileAttributeSchema = z
  .object({
    value: z.unknown(),
    confidence: z.number().nullish(),
    updated_at: z.string().nullish(),
    source_conversation_id: z.string().nullish(),
  })
  .loose();
/** One entry of {@link UserProfile}'s `attributes`. */
export type ProfileAttribute = z.infer<typeof profileAttributeSchema>;

/** The profile document: named attributes plus a narrative overview. Every key is optional. */
export const userProfileSchema = z
  .object({
    attributes: z.record(z.string(), profileAttributeSchema).nullish(),
    overview: z.string().nullish(),
    extras: z.record(z.string(), z.unknown()).nullish(),
    _meta: z.record(z.string(), z.unknown()).nullish(),
  })
  .loose();
/** A caller profile (E14, and `profile` of a summary-mode user fetch). */
export type UserProfile = z.infer<typeof userProfileSchema>;

/**
 * E14 `GET /v1/users/{user_id}/profile`: `{"profile": {...}}`, or the unwrapped
 * document, which the Python SDK also accepts.
 */
export const userProfileResponseSchema = z.union([
  z.object({ profile: userProfileSchema }).loose(),
  userProfileSchema,
]);
