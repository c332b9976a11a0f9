export {
  expiryOf,
  fetchDefaultsOf,
  ingestionPolicyOf,
  shapeFetchResponse,
} from './apply-instance-config.js';
export { type ConfigChange, diffConfig } from './config-diff.js';
export {
  CONFIG_MEMORY_TYPES,
  DEFAULT_INSTANCE_CONFIG,
  type InstanceConfigDocument,
  instanceConfigSchema,
  memoryTypeEnabled,
} from './instance-config-schema.js';
export {
  type ActiveInstanceConfig,
  InstanceConfigService,
  type InstanceConfigServiceDependencies,
} from './instance-config-service.js';
