/**
 * @engram/provider-openai/test-support: a local OpenAI-compatible stand-in
 * server with canned replies and the recorded fixtures it serves, for tests
 * in other packages. Development only: the published package does not ship `test/`.
 */

export * from './load-fixture.js';
export * from './openai-stand-in-server.js';
