import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

/** One request the receiver saw. */
export interface ReceivedWebhook {
  headers: IncomingMessage['headers'];
  body: string;
  /** The status it was answered with; undefined while held. */
  answered?: number;
}

/** What the receiver does with the next request: answer with a status, or hold it open forever. */
export type ReceiverBehaviour = (request: ReceivedWebhook, index: number) => number | 'hold';

/** A local HTTP server standing in for a customer's webhook endpoint. */
export interface WebhookReceiver {
  url: string;
  received: ReceivedWebhook[];
  behaviour: ReceiverBehaviour;
  /** Resolves once `predicate` holds for the requests received so far (polls every 20 ms). */
  waitFor(predicate: (received: ReceivedWebhook[]) => boolean, timeoutMs?: number): Promise<void>;
  close(): Promise<void>;
}

/** Starts a receiver on an ephemeral loopback port; it answers 200 until told otherwise. */
export async function startWebhookReceiver(): Promise<WebhookReceiver> {
  const held: ServerResponse[] = [];
  const receiver: WebhookReceiver = {
    url: '',
    received: [],
    behaviour: () => 200,
    async waitFor(predicate, timeoutMs = 20_000) {
      const deadline = Date.now() + timeoutMs;
      while (!predicate(receiver.received)) {
        if (Date.now() > deadline)
          throw new Error(`receiver: condition not met; got ${receiver.received.length}`);
        await new Promise((resolve) => setTimeout(resolve, 20));
      }
    },
    close: () =>
      new Promise((resolve) => {
        for (const response of held) response.destroy();
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
  const server = createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      const entry: ReceivedWebhook = { headers: request.headers, body: Buffer.concat(chunks).toString() };
      const decision = receiver.behaviour(entry, receiver.received.length);
      receiver.received.push(entry);
      if (decision === 'hold') {
        held.push(response);
        return;
      }
      entry.answered = decision;
      response.writeHead(decision).end();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  receiver.url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/hook`;
  return receiver;
}
