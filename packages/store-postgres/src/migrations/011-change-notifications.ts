import type { PostgresMigration } from './postgres-migration.js';

/**
 * Change notifications for per-process caches (decision 0059): triggers
 * that `pg_notify` the `engram_changes` channel when a scope's memories,
 * an instance's configuration or its settings change, whichever node or
 * command wrote them. The payload is `scope <scope key>`, `config
 * <instance id>` or `settings <instance id>`. PostgreSQL delivers a
 * transaction's notifications at commit, and identical ones once, so an
 * ingestion of 20 memories of one scope sends one.
 */
export const changeNotifications: PostgresMigration = {
  version: 11,
  name: 'change-notifications',
  sql: `
    CREATE FUNCTION engram_notify_scope_change() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        PERFORM pg_notify('engram_changes',
          'scope ' || CASE WHEN TG_OP = 'DELETE' THEN OLD.scope_key ELSE NEW.scope_key END);
        RETURN NULL;
      END $$;
    CREATE TRIGGER memories_changed AFTER INSERT OR UPDATE OR DELETE ON memories
      FOR EACH ROW EXECUTE FUNCTION engram_notify_scope_change();

    -- One function for both instance-level kinds: the trigger names its kind.
    CREATE FUNCTION engram_notify_instance_change() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        PERFORM pg_notify('engram_changes', TG_ARGV[0] || ' ' || NEW.instance_id);
        RETURN NULL;
      END $$;
    CREATE TRIGGER instance_config_changed AFTER INSERT ON instance_config_versions
      FOR EACH ROW EXECUTE FUNCTION engram_notify_instance_change('config');
    CREATE TRIGGER instance_settings_changed AFTER UPDATE OF settings ON instances
      FOR EACH ROW EXECUTE FUNCTION engram_notify_instance_change('settings');
  `,
};
