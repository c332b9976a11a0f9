import { z } from 'zod';

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
  relationship: z.enum(['b2c', 'b2b']),
  key_prefix: z.string(),
});

/** Parsed whoami response. */
export type WhoamiResponse = z.infer<typeof whoamiResponseSchema>;
/** Parsed health response. */
export type HealthResponse = z.infer<typeof healthResponseSchema>;
