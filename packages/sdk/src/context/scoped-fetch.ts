import type { ContextScope } from '@engram/protocol';
import { type ContextResponse, contextResponseSchema } from '@engram/protocol';
import type { CallOptions, RequestFn } from '../transport/http-transport.js';

/**
 * Sends one scoped fetch (`POST /v1/context/{scope}/fetch`, E3–E6) with an
 * already validated body. A fetch changes nothing, so it is idempotent and
 * retried per the client's policy.
 */
export function sendScopedFetch(
  request: RequestFn,
  scope: ContextScope,
  body: Record<string, unknown>,
  options: CallOptions,
): Promise<ContextResponse> {
  return request({
    ...options,
    method: 'POST',
    path: `/v1/context/${scope}/fetch`,
    body,
    response: contextResponseSchema,
    idempotent: true,
  });
}
