export {
  type ExtractConversationDependencies,
  ExtractConversationHandler,
  MAX_TURNS_PER_EXTRACTION,
} from './extract-conversation-handler.js';
export {
  type ExtractConversationPayload,
  type ExtractionTrigger,
  extractConversationPayloadSchema,
  queueExtraction,
} from './extraction-jobs.js';
export {
  RecordedMessageExtraction,
  type RecordedMessageExtractionDependencies,
} from './recorded-message-extraction.js';
