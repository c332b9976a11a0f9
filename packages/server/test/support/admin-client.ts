import { type JsonBody, readBody } from './test-server.js';

/** The operator key test servers are started with. */
export const OPERATOR_KEY = 'test-operator-key-0123456789';

/** Calls an `/admin/v1` route with the operator key; returns status and decoded body. */
export async function admin(
  baseUrl: string,
  method: string,
  path: string,
  body?: unknown,
  key: string = OPERATOR_KEY,
): Promise<{ status: number; body: JsonBody }> {
  const response = await fetch(`${baseUrl}/admin/v1${path}`, {
    method,
    headers: { authorization: `Bearer ${key}`, 'content-type': 'application/json' },
    ...(body !== undefined && { body: JSON.stringify(body) }),
  });
  return { status: response.status, body: await readBody(response) };
}
