import { EngramError } from '../errors/engram-error.js';
import { diffConfig } from '../instance-config/config-diff.js';
import type { InstanceConfigService } from '../instance-config/instance-config-service.js';
import type { MemoryChangedListener } from '../memories/memory-service.js';
import type { Clock } from '../ports/clock.js';
import type { ImportSummary, InstanceArchiveStore } from '../ports/instance-archive-store.js';
import type { TenancyStore } from '../ports/tenancy-store.js';
import { toArchiveRecords, toInstanceImport } from './archive-conversion.js';
import {
  ARCHIVE_FORMAT_VERSION,
  type ArchiveRecord,
  checkArchive,
  parseArchiveLine,
} from './archive-records.js';

/** Memories per export chunk: bounds memory use while streaming. */
const CHUNK = 500;

/** Dependencies of {@link InstanceArchiveService}. */
export interface InstanceArchiveDependencies {
  archive: InstanceArchiveStore;
  tenancy: TenancyStore;
  configs: InstanceConfigService;
  clock: Clock;
  onChanged?: MemoryChangedListener;
}

/** Progress of an import: lines read so far (reading), then records written (writing). */
export type ArchiveProgress = (stage: 'reading' | 'writing' | 'done', count: number) => void;

/**
 * Export and import of an instance (or one user) as JSONL: a header, the
 * configuration, documents (provenance), entities, memories with their
 * vectors, edges, conversations and messages, and an end record with
 * counts. Import reads and validates every line before writing anything,
 * then writes in one transaction; it is idempotent.
 */
export class InstanceArchiveService {
  constructor(private readonly dependencies: InstanceArchiveDependencies) {}

  /** The archive, one JSON line at a time (each ends with `\n`). 404 for an unknown instance. */
  async *exportLines(instanceId: string, filter: { userId?: string } = {}): AsyncGenerator<string> {
    const instance = await this.dependencies.tenancy.getInstance(instanceId);
    if (!instance) throw new EngramError('NOT_FOUND', 'instance not found');
    const active = await this.dependencies.configs.active(instanceId);
    const counts: Record<string, number> = {};
    const line = (record: ArchiveRecord) => {
      if (record.type !== 'header' && record.type !== 'end')
        counts[record.type] = (counts[record.type] ?? 0) + 1;
      return `${JSON.stringify(record)}\n`;
    };
    yield line({
      type: 'header',
      format: 'engram-export',
      formatVersion: ARCHIVE_FORMAT_VERSION,
      instanceId,
      relationship: instance.relationship,
      userId: filter.userId ?? null,
      exportedAt: this.dependencies.clock.now().toISOString(),
    });
    if (filter.userId === undefined)
      yield line({ type: 'config', version: active.version, document: active.document });
    // `for await` takes both: SQLite's synchronous chunks and PostgreSQL's asynchronous ones.
    for await (const part of this.dependencies.archive.exportChunks(instanceId, filter, CHUNK)) {
      let text = '';
      for (const record of toArchiveRecords(part)) text += line(record);
      yield text;
      // Let other requests run between chunks: SQLite's reads are synchronous.
      await new Promise((resolve) => setImmediate(resolve));
    }
    yield line({ type: 'end', counts });
  }

  /**
   * Imports an archive into `instanceId` (default: the archive's own
   * instance). A malformed line is a 422 naming its line number, and then
   * nothing is written; so is a truncated archive or one from an instance
   * with the other user relationship.
   */
  async importLines(
    lines: AsyncIterable<string> | Iterable<string>,
    options: { instanceId?: string; author: string; onProgress?: ArchiveProgress },
  ): Promise<ImportSummary & { instanceId: string }> {
    const records: ArchiveRecord[] = [];
    let lineNumber = 0;
    for await (const line of lines) {
      lineNumber += 1;
      if (line.trim() === '') continue;
      records.push(parseArchiveLine(line, lineNumber));
      if (lineNumber % 1_000 === 0) options.onProgress?.('reading', lineNumber);
    }
    if (records.length === 0)
      throw new EngramError('INVALID_INPUT', 'line 1: the archive is empty', { details: { line: 1 } });
    checkArchive(records);
    const header = records[0] as Extract<ArchiveRecord, { type: 'header' }>;
    const instanceId = options.instanceId ?? header.instanceId;
    const instance = await this.dependencies.tenancy.getInstance(instanceId);
    if (!instance) throw new EngramError('NOT_FOUND', `instance ${instanceId} not found; create it first`);
    if (instance.relationship !== header.relationship) {
      throw new EngramError(
        'CONFLICT',
        `the archive is of a ${header.relationship} instance; ${instanceId} is ${instance.relationship}`,
      );
    }
    const data = toInstanceImport(instanceId, records);
    const config = records.find((record) => record.type === 'config');
    if (config) {
      const current = await this.dependencies.configs.current(instanceId);
      const diff = diffConfig(current.document, config.document);
      if (diff.length > 0) {
        data.config = {
          instanceId,
          document: config.document as unknown as Record<string, unknown>,
          author: options.author,
          createdAt: this.dependencies.clock.now().toISOString(),
          diff,
        };
      }
    }
    options.onProgress?.('writing', records.length);
    const summary = await this.dependencies.archive.importInstance(instanceId, data);
    this.dependencies.configs.forget(instanceId);
    for (const scopeKey of summary.changedScopeKeys) this.dependencies.onChanged?.(instanceId, scopeKey);
    options.onProgress?.('done', records.length);
    return { ...summary, instanceId };
  }
}
