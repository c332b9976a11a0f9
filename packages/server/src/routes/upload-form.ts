import { EngramError, formatValidationIssues } from '@engram/core';
import { type CreateMemoryRequest, createMemoryRequestSchema } from '@engram/protocol';
import { z } from 'zod';

/** Documentation schema of the upload form (multipart/form-data). */
export const uploadFormSchema = z.object({
  file: z.string().optional().describe('a UTF-8 text file (exactly one of file or text)'),
  text: z.string().optional(),
  user_id: z.string().optional(),
  customer_id: z.string().optional(),
  relationship_type: z.enum(['b2c', 'b2b']).optional(),
  mode: z.enum(['fast', 'long-range']).optional(),
  document_type: z.string().optional(),
  document_id: z.string().optional(),
  document_created_at: z.string().optional(),
  metadata: z.string().optional().describe('a JSON object, as a string'),
});

const textDecoder = new TextDecoder('utf-8', { fatal: true });

function field(form: FormData, name: string): string | undefined {
  const value = form.get(name);
  return typeof value === 'string' && value !== '' ? value : undefined;
}

/**
 * Reads the E17 form into a create request. Exactly one of `file`/`text`;
 * the file must be UTF-8 text (PDFs, images and audio arrive as text: OCR
 * output or transcripts). The instance's own relationship decides scoping;
 * `relationship_type` is only checked for a valid value.
 */
export async function readUploadForm(request: Request): Promise<CreateMemoryRequest> {
  let form: FormData;
  try {
    form = await request.formData();
  } catch {
    throw new EngramError(
      'BAD_REQUEST',
      'the body must be multipart/form-data with a "file" or "text" field',
    );
  }
  const file = form.get('file');
  const text = field(form, 'text');
  const hasFile = file !== null && typeof file !== 'string';
  if (hasFile === (text !== undefined)) {
    throw new EngramError('INVALID_INPUT', 'send exactly one of the "file" and "text" fields');
  }
  let document = text ?? '';
  if (hasFile) {
    try {
      document = textDecoder.decode(await (file as Blob).arrayBuffer());
    } catch {
      throw new EngramError('INVALID_INPUT', 'the uploaded file is not UTF-8 text');
    }
  }
  const relationship = field(form, 'relationship_type');
  if (relationship !== undefined && relationship !== 'b2c' && relationship !== 'b2b') {
    throw new EngramError('INVALID_INPUT', 'relationship_type must be b2c or b2b');
  }
  let metadata: unknown = {};
  const rawMetadata = field(form, 'metadata');
  if (rawMetadata !== undefined) {
    try {
      metadata = JSON.parse(rawMetadata);
    } catch {
      throw new EngramError('INVALID_INPUT', 'metadata must be a JSON object string');
    }
  }
  const parsed = createMemoryRequestSchema.safeParse({
    document,
    document_type: field(form, 'document_type'),
    document_id: field(form, 'document_id'),
    document_created_at: field(form, 'document_created_at'),
    user_id: field(form, 'user_id'),
    customer_id: field(form, 'customer_id'),
    mode: field(form, 'mode'),
    metadata,
  });
  if (!parsed.success) throw new EngramError('INVALID_INPUT', formatValidationIssues(parsed.error));
  return parsed.data;
}
