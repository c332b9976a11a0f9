import { z } from 'zod';

/** `{instance_id}` of every admin route. */
export const instanceParamsSchema = z.object({ instance_id: z.string().min(1).max(200) });

/** Who made a change: a free label the operator chooses (recorded in the history). */
export const authorSchema = z.string().min(1).max(200).default('operator');

/** A loose object response: admin shapes are documented in the README and typed by tests. */
export const objectResponseSchema = z.record(z.string(), z.unknown());
