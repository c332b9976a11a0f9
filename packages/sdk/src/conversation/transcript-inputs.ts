/** Input of `conversation.ingestTranscript` (E13); wire field names. */

/** One turn of a structured transcript. Extra keys are sent as given. */
export interface TranscriptTurn {
  role: 'user' | 'assistant';
  content: string;
  /** ISO-8601; a `Date` is sent in that form. */
  timestamp?: string | Date | null;
  /** A diarized speaker label, kept as a hint. */
  speaker?: string | null;
  metadata?: Record<string, unknown> | null;
  [extra: string]: unknown;
}

/** Input of `conversation.ingestTranscript`. */
export interface IngestTranscriptInput {
  /** Any non-empty string (not checked to be a UUID); the server maps it to a UUID and echoes the original. */
  conversation_id: string;
  user_id: string;
  /** Raw text the server splits into turns, or the turns themselves. */
  transcript: string | TranscriptTurn[];
  /** Required on B2B instances. */
  customer_id?: string | null;
  /** At most 64 characters (checked by the server). */
  conversation_type?: string | null;
  /** Stored verbatim and used as extraction hints (at most 64 KB, checked by the server). */
  analysis?: Record<string, unknown> | string | null;
  metadata?: Record<string, unknown> | null;
  started_at?: string | Date | null;
  ended_at?: string | Date | null;
}
