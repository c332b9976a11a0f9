export {
  type JobWebhookDependencies,
  publishJobFailure,
  withJobWebhookEvents,
} from './job-webhook-events.js';
export {
  WebhookDispatcher,
  type WebhookDispatcherOptions,
  type WebhookTransport,
} from './webhook-dispatcher.js';
export { WEBHOOK_EVENT_TYPES, type WebhookEventType } from './webhook-events.js';
export { type WebhookEventInput, WebhookOutbox } from './webhook-outbox.js';
export { SIGNATURE_HEADER, signWebhook, verifyWebhookSignature } from './webhook-signature.js';
