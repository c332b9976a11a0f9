import type { InstanceConfigVersion, StoredMemory, WebhookDelivery, WebhookEndpoint } from '@engram/core';

/** A configuration version as the admin API shows it. */
export function configVersionBody(version: InstanceConfigVersion): Record<string, unknown> {
  return {
    instance_id: version.instanceId,
    version: version.version,
    document: version.document,
    author: version.author,
    created_at: version.createdAt,
    diff: version.diff,
    rolled_back_to: version.rolledBackTo ?? null,
  };
}

/** An endpoint; the secret only when `withSecret` (at registration). */
export function endpointBody(endpoint: WebhookEndpoint, withSecret: boolean): Record<string, unknown> {
  return {
    endpoint_id: endpoint.endpointId,
    url: endpoint.url,
    events: endpoint.events,
    description: endpoint.description,
    created_at: endpoint.createdAt,
    ...(withSecret && { secret: endpoint.secret }),
  };
}

/** A delivery log entry (the body is left out: it can hold memory content). */
export function deliveryBody(delivery: WebhookDelivery): Record<string, unknown> {
  return {
    delivery_id: delivery.deliveryId,
    endpoint_id: delivery.endpointId,
    event_id: delivery.eventId,
    event_type: delivery.eventType,
    status: delivery.status,
    attempts: delivery.attempts,
    next_attempt_at: delivery.status === 'pending' ? delivery.nextAttemptAt : null,
    last_error: delivery.lastError ?? null,
    last_status_code: delivery.lastStatusCode ?? null,
    created_at: delivery.createdAt,
    delivered_at: delivery.deliveredAt ?? null,
  };
}

/** A memory as the admin listing shows it: every stored field, snake_case. */
export function adminMemoryBody(memory: StoredMemory): Record<string, unknown> {
  return {
    memory_id: memory.memoryId,
    memory_type: memory.type,
    content: memory.content,
    confidence: memory.confidence,
    scope: memory.owner.scope,
    user_id: memory.owner.userId ?? null,
    customer_id: memory.owner.customerId ?? null,
    conversation_id: memory.owner.conversationId ?? null,
    event_date: memory.eventDate ?? null,
    valid_until: memory.validUntil ?? null,
    superseded_by: memory.supersededBy ?? null,
    mention_count: memory.mentionCount,
    source_document_id: memory.sourceDocumentId,
    source_ingestion_id: memory.sourceIngestionId,
    source_evidence: memory.sourceEvidence,
    metadata: memory.metadata,
    /** The instance configuration version that produced it; null on memories from before it was recorded. */
    config_version: memory.configVersion ?? null,
    extracted_at: memory.extractedAt,
    created_at: memory.createdAt,
    updated_at: memory.updatedAt,
  };
}
