import { z } from 'zod';
import { INSTANCE_ID_PATTERN } from './identifiers.js';
import { RELATIONSHIP_TYPES } from './wire-enums.js';

/** `GET /health`: unauthenticated liveness. */
export const healthResponseSchema = z.object({
  status: z.literal('ok'),
  service: z.string(),
  version: z.string(),
});

/** `GET /api/v1/auth/whoami`: the identity a bearer key resolves to. */
export const whoamiResponseSchema = z.object({
  client_id: z.string(),
  instance_id: z.string(),
  relationship: z.enum(RELATIONSHIP_TYPES),
  key_prefix: z.string(),
});

/** Parsed whoami response. */
export type WhoamiResponse = z.infer<typeof whoamiResponseSchema>;
/** Parsed health response. */
export type HealthResponse = z.infer<typeof healthResponseSchema>;

/**
 * `POST /api/v1/keys/bootstrap` (spec §5, optional): a one-time token an
 * operator made with `engram keys bootstrap-token`. `instance_id` may be
 * empty (Synap's integration sends `""`); when given, it must be the
 * token's instance.
 */
export const bootstrapKeyRequestSchema = z.object({
  bootstrap_token: z
    .string({ message: 'bootstrap_token is required' })
    .min(1, 'bootstrap_token is required')
    .max(256, 'bootstrap_token is at most 256 characters'),
  instance_id: z
    .string()
    .nullish()
    .refine(
      (value) => value === null || value === undefined || value === '' || INSTANCE_ID_PATTERN.test(value),
      {
        message: 'instance_id must look like inst_ followed by 16 hex digits, or be empty',
      },
    )
    .transform((value) => (value === null || value === undefined || value === '' ? undefined : value)),
});

/** Validated bootstrap request. */
export type BootstrapKeyRequest = z.infer<typeof bootstrapKeyRequestSchema>;

/** The bootstrap exchange's answer: a new API key of the token's instance, shown this once. */
export const bootstrapKeyResponseSchema = z.object({
  api_key: z.string(),
  client_id: z.string(),
  instance_id: z.string(),
  key_prefix: z.string(),
});

/** Bootstrap response body. */
export type BootstrapKeyResponse = z.infer<typeof bootstrapKeyResponseSchema>;
