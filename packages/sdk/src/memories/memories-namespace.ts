import { InvalidInputError } from '../errors/synap-error.js';
import { assertOptionalBoolean } from '../input-validation.js';
import {
  type BatchCreateMemoriesResponse,
  batchCreateMemoriesResponseSchema,
  type CreateMemoryResponse,
  createMemoryResponseSchema,
  type DeleteMemoryResponse,
  deleteMemoryResponseSchema,
  type Memory,
  type MemoryStatusResponse,
  memorySchema,
  memoryStatusResponseSchema,
} from '../schemas/memory-schemas.js';
import type { CallOptions, RequestFn } from '../transport/http-transport.js';
import { createMemoryBody, idSegment, updateMemoryBody } from './memory-bodies.js';
import type {
  BatchCreateOptions,
  CreateMemoryFromFileInput,
  CreateMemoryInput,
  UpdateMemoryInput,
  WaitForCompletionOptions,
} from './memory-inputs.js';
import { uploadForm } from './upload-form.js';
import { waitForCompletion } from './wait-for-completion.js';

/**
 * `sdk.memories`: the long-term write path (documents through the extraction
 * pipeline), ingestion status, and single-memory read, update and delete.
 *
 * Writes (create, batch, upload, update) are not idempotent for retries: they
 * are retried only on 429, never after a timeout or a 5xx that may have come
 * after the server acted. To make a create safe to repeat yourself, pass a
 * `document_id` (the server updates the same document). Reads and `delete` are
 * idempotent and retried per the client's policy.
 */
export class MemoriesNamespace {
  readonly #request: RequestFn;

  constructor(request: RequestFn) {
    this.#request = request;
  }

  /**
   * Queues one document for ingestion (E15, `POST /api/v1/memories/create`).
   * Sends every key, unset ones null, as the Python SDK does. Resolves once
   * queued; poll `status` or `waitForCompletion` with the `ingestion_id`.
   * Retried only on 429.
   */
  async create(input: CreateMemoryInput, options: CallOptions = {}): Promise<CreateMemoryResponse> {
    return this.#request({
      ...options,
      method: 'POST',
      path: '/api/v1/memories/create',
      body: createMemoryBody(input),
      response: createMemoryResponseSchema,
      idempotent: false,
    });
  }

  /**
   * Queues several documents in one call (E16, body `{documents, fail_fast}`).
   * Every document is validated first, so one bad input fails the call before
   * anything is sent. `results` follow input order. Retried only on 429.
   */
  async batchCreate(
    documents: readonly CreateMemoryInput[],
    options: BatchCreateOptions = {},
  ): Promise<BatchCreateMemoriesResponse> {
    if (!Array.isArray(documents) || documents.length === 0) {
      throw new InvalidInputError('documents must be a non-empty array');
    }
    const { fail_fast = false, ...callOptions } = options;
    assertOptionalBoolean(fail_fast, 'fail_fast');
    return this.#request({
      ...callOptions,
      method: 'POST',
      path: '/api/v1/memories/batch',
      body: {
        documents: documents.map((document, index) => createMemoryBody(document, `documents[${index}]`)),
        fail_fast,
      },
      response: batchCreateMemoriesResponseSchema,
      idempotent: false,
    });
  }

  /**
   * Uploads a file, or plain text, for ingestion (E17, multipart `POST
   * /api/v1/memories/upload`). Exactly one of `file` and `text`; checked before
   * sending. `fetch` sets the multipart Content-Type and boundary. Not retried
   * on network errors or 5xx (only on 429).
   */
  async createFromFile(
    input: CreateMemoryFromFileInput,
    options: CallOptions = {},
  ): Promise<CreateMemoryResponse> {
    return this.#request({
      ...options,
      method: 'POST',
      path: '/api/v1/memories/upload',
      formData: uploadForm(input),
      response: createMemoryResponseSchema,
      idempotent: false,
    });
  }

  /**
   * The state of one ingestion (E18, `GET /api/v1/memories/status/{id}`).
   * ContextNotFoundError for an unknown id. Idempotent.
   */
  async status(ingestion_id: string, options: CallOptions = {}): Promise<MemoryStatusResponse> {
    return this.#request({
      ...options,
      method: 'GET',
      path: `/api/v1/memories/status/${idSegment(ingestion_id, 'ingestion_id')}`,
      response: memoryStatusResponseSchema,
      idempotent: true,
    });
  }

  /**
   * Polls `status` until `completed`, `failed` or `partial_success` (every
   * `pollIntervalSeconds`, default 2) and resolves with that status; rejects
   * with IngestionTimeoutError after `timeoutSeconds` (default 300). A failed
   * ingestion resolves: check `status`.
   */
  async waitForCompletion(
    ingestion_id: string,
    options: WaitForCompletionOptions = {},
  ): Promise<MemoryStatusResponse> {
    idSegment(ingestion_id, 'ingestion_id');
    return waitForCompletion((id, callOptions) => this.status(id, callOptions), ingestion_id, options);
  }

  /** One memory (E19, `GET /api/v1/memories/{id}`). ContextNotFoundError when absent. Idempotent. */
  async get(memory_id: string, options: CallOptions = {}): Promise<Memory> {
    return this.#request({
      ...options,
      method: 'GET',
      path: `/api/v1/memories/${idSegment(memory_id, 'memory_id')}`,
      response: memorySchema,
      idempotent: true,
    });
  }

  /**
   * Changes a memory (E20, `PATCH /api/v1/memories/{id}`, body `{document,
   * merge_strategy, document_type?, metadata?}`) and resolves with the updated
   * memory. Retried only on 429 (an `append` must not run twice).
   */
  async update(memory_id: string, input: UpdateMemoryInput, options: CallOptions = {}): Promise<Memory> {
    const path = `/api/v1/memories/${idSegment(memory_id, 'memory_id')}`;
    return this.#request({
      ...options,
      method: 'PATCH',
      path,
      body: updateMemoryBody(input),
      response: memorySchema,
      idempotent: false,
    });
  }

  /**
   * Deletes a memory for good (E21, `DELETE /api/v1/memories/{id}`), cascading
   * to its extractions, entity links and graph edges. Idempotent, so retried
   * like a read: a repeat after a lost answer deletes nothing more (it may
   * then reject with ContextNotFoundError).
   */
  async delete(memory_id: string, options: CallOptions = {}): Promise<DeleteMemoryResponse> {
    return this.#request({
      ...options,
      method: 'DELETE',
      path: `/api/v1/memories/${idSegment(memory_id, 'memory_id')}`,
      response: deleteMemoryResponseSchema,
      idempotent: true,
    });
  }
}
