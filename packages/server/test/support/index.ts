/**
 * @engram/server/test-support: a real server on a free port over a temp data
 * directory, and the operator-route client, for other packages' end-to-end
 * tests. Development only: the published package does not ship `test/`.
 */

export * from './admin-client.js';
export * from './test-server.js';
