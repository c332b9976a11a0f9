import type { EngramServices } from './engram-services.js';

/**
 * On a store with no instance at all, creates a default B2C instance and
 * prints its key once to stdout (the only time it is ever shown). Later
 * starts find an instance and print nothing.
 */
export async function ensureDefaultInstance(services: EngramServices): Promise<void> {
  const instances = await services.tenancy.listInstances();
  if (instances.length > 0) return;
  const created = await services.tenancy.createInstance({ name: 'default', relationship: 'b2c' });
  services.logger.info('default-instance-created', {
    client_id: created.client_id,
    instance_id: created.instance_id,
    key_prefix: created.key_prefix,
  });
  process.stdout.write(
    [
      '',
      'Engram created a default instance on this empty data directory.',
      `  client_id:   ${created.client_id}`,
      `  instance_id: ${created.instance_id}`,
      `  api_key:     ${created.api_key}`,
      'The API key is shown only this once: store it now (SYNAP_API_KEY for the Synap SDKs).',
      '',
      '',
    ].join('\n'),
  );
}
