// Wire enums come from @engram/protocol as types only (erased from the bundle).
import type { IngestStatus, RelationshipType } from '@engram/protocol';

/** Wire shapes of the admin routes the console reads (snake_case, as the server sends them). */

export interface KeyRecord {
  key_id: string;
  key_prefix: string;
  created_at: string;
  revoked_at: string | null;
}

export interface Usage {
  memories: number;
  documents: number;
  conversations: number;
  messages: number;
  entities: number;
  users: number;
  customers: number;
  jobs: Record<string, number>;
}

export interface InstanceRecord {
  instance_id: string;
  client_id: string;
  name: string;
  relationship: RelationshipType;
  created_at: string;
  keys: KeyRecord[];
  usage: Usage;
}

export interface Owner {
  customer_id: string | null;
  user_id: string | null;
  conversations: number;
  memories: number;
}

export interface EntityRef {
  entity_id: string;
  canonical_name: string;
  type: string;
}

export interface SearchHit {
  id: string;
  memory_type: string;
  content: string;
  confidence: number;
  relevance_score: number;
  scope: string;
  entities: EntityRef[];
  extracted_at: string;
  event_date?: string;
  valid_until?: string;
}

export interface ProvenanceLine {
  number: number;
  text: string;
  evidence: boolean;
}

export interface MemoryDetail extends Record<string, unknown> {
  memory_id: string;
  memory_type: string;
  content: string;
  confidence: number;
  scope: string;
  user_id: string | null;
  customer_id: string | null;
  conversation_id: string | null;
  validity: 'current' | 'superseded' | 'expired';
  valid_until: string | null;
  superseded_by: string | null;
  event_date?: string;
  temporal_category: string;
  source_evidence: string[];
  entities: EntityRef[];
  created_at: string;
  updated_at: string;
  provenance: {
    document_id: string;
    document_type: string;
    document_created_at: string;
    lines: ProvenanceLine[];
  } | null;
}

export interface JobRecord {
  job_id: string;
  kind: string;
  status: IngestStatus;
  attempts: number;
  error: string | null;
  queued_at: string;
  started_at: string | null;
  completed_at: string | null;
  document_id: string | null;
  user_id: string | null;
  customer_id: string | null;
  conversation_id: string | null;
  text_chars: number | null;
  result: Record<string, unknown>;
}

export interface ConversationSummary {
  conversation_id: string;
  user_id: string | null;
  customer_id: string | null;
  last_message_at: string;
  message_count: number;
}

export interface CompactionVersion {
  compaction_id: string;
  version: number;
  trigger: string;
  created_at: string;
  summary: string;
  compacted_context: string;
  original_token_count: number;
  compacted_token_count: number;
  compression_ratio: number;
  validation_score: number;
  quality_warning: boolean;
  cutoff_sequence: number;
}

export interface ConversationDetail {
  conversation_id: string;
  user_id: string | null;
  customer_id: string | null;
  message_count: number;
  turns: { sequence: number; role: string; content: string; recorded_at: string }[];
  compactions: CompactionVersion[];
}

export interface GraphBody {
  entities: (EntityRef & { aliases: string[]; mention_count: number })[];
  edges: {
    edge_id: string;
    subject_entity_id: string;
    relation: string;
    object_entity_id: string;
    memory_id: string;
  }[];
}

export interface ConfigVersion {
  version: number;
  document: Record<string, unknown>;
  author: string;
  created_at: string;
  diff: { path: string; from?: unknown; to?: unknown }[];
  rolled_back_to: number | null;
}
