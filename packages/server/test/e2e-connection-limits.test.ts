// Connection-level limits over real sockets: a declared oversized body is
// answered before any of it is sent, slow headers are cut off, and the
// connection cap closes connections past it.
import assert from 'node:assert/strict';
import { connect, type Socket } from 'node:net';
import { after, before, describe, it } from 'node:test';
import { startTestServer, type TestServer } from './support/test-server.js';

/** Opens a raw TCP connection to the server. */
function open(url: string): Promise<Socket> {
  const { hostname, port } = new URL(url);
  return new Promise((resolve, reject) => {
    const socket = connect(Number(port), hostname, () => resolve(socket));
    socket.once('error', reject);
  });
}

/** Everything the server sends until it closes the socket (or `timeoutMs` passes: then `timedOut`). */
function readUntilClosed(socket: Socket, timeoutMs: number): Promise<{ text: string; timedOut: boolean }> {
  return new Promise((resolve) => {
    let text = '';
    const timer = setTimeout(() => {
      socket.destroy();
      resolve({ text, timedOut: true });
    }, timeoutMs);
    socket.setEncoding('utf8');
    socket.on('data', (part: string) => {
      text += part;
    });
    socket.on('error', () => undefined);
    socket.on('close', () => {
      clearTimeout(timer);
      resolve({ text, timedOut: false });
    });
  });
}

describe('connection limits', () => {
  let server: TestServer;
  let apiKey: string;

  before(async () => {
    server = await startTestServer({ maxBodyBytes: 4_096, headersTimeoutMs: 1_000, maxConnections: 4 });
    apiKey = (await server.createInstance()).apiKey;
  });
  after(() => server.dispose());

  it('answers a declared Content-Length over the limit at once, without waiting for the body', async () => {
    for (const path of ['/v1/conversations/messages', '/api/v1/memories/upload']) {
      const socket = await open(server.url);
      socket.write(
        `POST ${path} HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer ${apiKey}\r\n` +
          'Content-Type: application/json\r\nContent-Length: 99999999999\r\n\r\n',
      );
      const started = performance.now();
      const { text, timedOut } = await readUntilClosed(socket, 5_000);
      assert.equal(timedOut, false, `${path}: the server closed the connection`);
      assert.ok(performance.now() - started < 2_000, `${path}: answered at once`);
      assert.match(text, /^HTTP\/1\.1 400/, path);
      assert.match(text, /connection: close/i);
      assert.match(text, /exceeds the limit of \d+ bytes/);
    }
  });

  it('cuts off a client that does not finish its headers in time', async () => {
    const socket = await open(server.url);
    socket.write('GET /health HTTP/1.1\r\nHost: x\r\n');
    const started = performance.now();
    const { timedOut } = await readUntilClosed(socket, 8_000);
    assert.equal(timedOut, false, 'the server closed the slow connection');
    assert.ok(performance.now() - started < 4_000);
  });

  it('closes connections past the cap and keeps serving the others', async () => {
    const held = await Promise.all([1, 2, 3, 4].map(() => open(server.url)));
    const extra = await open(server.url);
    const { timedOut } = await readUntilClosed(extra, 3_000);
    assert.equal(timedOut, false, 'the connection past the cap is closed');
    held[0]?.write('GET /health HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n');
    const answer = await readUntilClosed(held[0] as Socket, 3_000);
    assert.match(answer.text, /^HTTP\/1\.1 200/);
    for (const socket of held) socket.destroy();
  });
});
