import type { ConversationRecord } from '../domain/conversation.js';
import type { EntityEdge, StoredEntity } from '../domain/stored-memory.js';
import type { Job, JobStatus } from './job-store.js';

/** How much an instance holds and has done, for the operator console. */
export interface InstanceUsage {
  memories: number;
  documents: number;
  conversations: number;
  messages: number;
  entities: number;
  /** Distinct user ids among the instance's conversations and memories. */
  users: number;
  /** Distinct customer ids among the instance's conversations and memories. */
  customers: number;
  /** Jobs by status (statuses with no job are absent). */
  jobs: Partial<Record<JobStatus, number>>;
}

/** A person the instance knows of: a user (with its customer on B2B) or a customer alone. */
export interface KnownOwner {
  customerId: string | undefined;
  userId: string | undefined;
  conversations: number;
  memories: number;
}

/** Filter of {@link OperatorConsoleStore.listJobs}. */
export interface JobListFilter {
  instanceId: string;
  status?: JobStatus | undefined;
  limit: number;
}

/** Filter of {@link OperatorConsoleStore.listConversations}. */
export interface ConversationListFilter {
  instanceId: string;
  userId?: string | undefined;
  customerId?: string | undefined;
  limit: number;
}

/**
 * Reads (and one repair) the operator console needs that no request path
 * does: counts, owners, job listings and a scope's whole graph. Every method
 * takes the instance (or a scope key, which begins with it), so one
 * instance's console never reads another's rows.
 */
export interface OperatorConsoleStore {
  /** Row counts of one instance (reads every memory row of it: for page views, not for polling). */
  usageOf(instanceId: string): Promise<InstanceUsage>;
  /** Jobs of one instance by status (statuses with no job are absent); cheap enough to poll. */
  countJobs(instanceId: string): Promise<Partial<Record<JobStatus, number>>>;
  /** Users and customers seen in conversations or memories, most memories first, at most `limit`. */
  listOwners(instanceId: string, limit: number): Promise<KnownOwner[]>;
  /** Conversations, most recently active first, optionally of one user or customer. */
  listConversations(filter: ConversationListFilter): Promise<ConversationRecord[]>;
  /** Jobs, newest first, optionally of one status. */
  listJobs(filter: JobListFilter): Promise<Job[]>;
  /**
   * Puts a finished job that did not complete (failed or partial_success)
   * back in the queue with its attempts reset; returns the job, or undefined
   * (and no change) when it does not exist or is not in such a state.
   */
  requeueJob(instanceId: string, jobId: string): Promise<Job | undefined>;
  /** Entities of one scope (most mentioned first, at most `limit`) and the edges among them. */
  graphOfScope(scopeKey: string, limit: number): Promise<{ entities: StoredEntity[]; edges: EntityEdge[] }>;
  /** Revokes one live key of the instance by id; false when there is no such live key. */
  revokeApiKey(instanceId: string, keyId: string, revokedAt: string): Promise<boolean>;
}
