import { DOCUMENT_TYPES, INGEST_MODES, RELATIONSHIP_TYPES } from '@engram/protocol';
import { InvalidInputError } from '../errors/synap-error.js';
import {
  assertOneOf,
  assertOptionalRecord,
  assertOptionalString,
  assertRecord,
} from '../input-validation.js';
import type { CreateMemoryFromFileInput } from './memory-inputs.js';

/**
 * Validates a `memories.createFromFile` input and builds the multipart form of
 * E17: `user_id`, `customer_id` (empty when absent; the server treats "" as
 * absent), `relationship_type`, `mode`, then `document_type`, `metadata` (a JSON
 * string) and `text` only when given, and the `file` part. Exactly one of
 * `file` and `text` is required. Throws InvalidInputError before anything is sent.
 */
export function uploadForm(input: CreateMemoryFromFileInput): FormData {
  assertRecord(input, 'input');
  assertOptionalString(input.user_id, 'user_id');
  assertOptionalString(input.customer_id, 'customer_id');
  assertOneOf(input.relationship_type, RELATIONSHIP_TYPES, 'relationship_type');
  assertOneOf(input.document_type, DOCUMENT_TYPES, 'document_type');
  assertOneOf(input.mode, INGEST_MODES, 'mode');
  assertOptionalRecord(input.metadata, 'metadata');
  const hasFile = input.file !== undefined && input.file !== null;
  const hasText = input.text !== undefined && input.text !== null;
  if (hasFile === hasText) throw new InvalidInputError('exactly one of file and text is required');
  if (hasText && typeof input.text !== 'string') throw new InvalidInputError('text must be a string');

  const form = new FormData();
  form.append('user_id', input.user_id ?? '');
  form.append('customer_id', input.customer_id ?? '');
  form.append('relationship_type', input.relationship_type ?? 'b2c');
  // Absent, the server applies the instance's configured ingestion mode.
  if (input.mode !== undefined) form.append('mode', input.mode);
  if (input.document_type !== undefined) form.append('document_type', input.document_type);
  if (input.metadata !== undefined && input.metadata !== null) {
    form.append('metadata', metadataJson(input.metadata));
  }
  if (hasText) form.append('text', input.text as string);
  if (input.file !== undefined) form.append('file', fileBlob(input.file), fileName(input));
  return form;
}

function fileBlob(file: unknown): Blob {
  if (file instanceof Blob) return file;
  // A copy, so the Blob owns a plain ArrayBuffer even when the view is over a SharedArrayBuffer.
  if (file instanceof Uint8Array) return new Blob([file.slice()]);
  throw new InvalidInputError('file must be a Blob or a Uint8Array');
}

function fileName(input: CreateMemoryFromFileInput): string {
  if (input.filename !== undefined) {
    if (typeof input.filename !== 'string' || input.filename.trim() === '') {
      throw new InvalidInputError('filename must be a non-empty string');
    }
    return input.filename;
  }
  const ownName = (input.file as { name?: unknown }).name;
  if (typeof ownName === 'string' && ownName !== '') return ownName;
  throw new InvalidInputError('filename is required unless file is a File with a name');
}

function metadataJson(metadata: Record<string, unknown>): string {
  try {
    return JSON.stringify(metadata);
  } catch (error) {
    throw new InvalidInputError('metadata cannot be serialised as JSON', { cause: error });
  }
}
