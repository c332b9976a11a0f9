import { commandConfig, parseCommandLine, printResult } from '../cli-options.js';
import { CliUsageError } from '../cli-usage-error.js';
import { withServices } from './open-services.js';

const USAGE =
  'usage: engram erase --instance INSTANCE_ID (--document DOCUMENT_ID | --user USER_ID [--customer CUSTOMER_ID] | --customer CUSTOMER_ID)';

/**
 * `engram erase`: erases a document, a user or a customer of an instance
 * from every table and then from the files (docs/decisions/0026). A server
 * running on the same data directory drops its cached fetches of those
 * scopes only when they expire, so erase through a stopped server, or expect
 * up to a cache TTL of stale answers.
 */
export async function runEraseCommand(args: string[]): Promise<number> {
  const { values } = parseCommandLine(args, {
    instance: { type: 'string' },
    document: { type: 'string' },
    user: { type: 'string' },
    customer: { type: 'string' },
  });
  const instanceId = values.instance;
  if (typeof instanceId !== 'string') throw new CliUsageError(USAGE);
  const { document, user, customer } = values;
  if (document !== undefined && (user !== undefined || customer !== undefined))
    throw new CliUsageError(USAGE);
  if (document === undefined && user === undefined && customer === undefined) throw new CliUsageError(USAGE);
  const report = await withServices(commandConfig(values), async (services) => {
    const erased =
      document !== undefined
        ? await services.erasure.eraseDocument(instanceId, document)
        : await services.erasure.eraseSubject(
            instanceId,
            user !== undefined ? { userId: user, customerId: customer } : { customerId: customer as string },
          );
    await services.erasure.flush();
    return erased;
  });
  printResult(
    {
      instance_id: instanceId,
      memories_erased: report.memories,
      documents_erased: report.documents,
      conversations_erased: report.conversations,
    },
    values.json === true,
  );
  return 0;
}
