import type { RetrievalTuning } from '@engram/core/retrieval';

/** One candidate setting of the ranking: pipeline tuning and module-constant overrides. */
export interface EvaluationSetting {
  label: string;
  tuning?: Partial<RetrievalTuning>;
  /** `{ "PRIOR_FACTORS": { "personSubject": 1.5 } }`: overrides of the named constant objects. */
  constants?: Record<string, Record<string, unknown>>;
}

/**
 * The settings a `--sweep` list spans: each entry `NAME.key=v1,v2,...` (NAME
 * a constant object, or `tuning` for a pipeline knob; a value is parsed as
 * JSON when it can be), crossed with every other entry. The first setting
 * always holds every axis' first value. Without entries: one default setting.
 */
export function sweepSettings(entries: readonly string[]): EvaluationSetting[] {
  let settings: EvaluationSetting[] = [{ label: 'default' }];
  for (const entry of entries) {
    const match = /^([A-Za-z_]+)\.([A-Za-z0-9_.]+)=(.+)$/u.exec(entry.trim());
    if (match === null) throw new Error(`bad --sweep entry: ${entry}`);
    const [, owner, key, list] = match as unknown as [string, string, string, string];
    const values = list.split(',').map(parseValue);
    settings = settings.flatMap((setting) =>
      values.map((value) =>
        withValue(setting, owner, key, value, `${owner}.${key}=${JSON.stringify(value)}`),
      ),
    );
  }
  return settings;
}

/**
 * Applies a setting's constant overrides to the live constant objects and
 * returns a function that restores them. The objects are shared module
 * state, so settings are evaluated one at a time.
 */
export function applyConstants(
  targets: Readonly<Record<string, object>>,
  constants: EvaluationSetting['constants'],
): () => void {
  const saved: [object, Record<string, unknown>][] = [];
  for (const [name, values] of Object.entries(constants ?? {})) {
    const target = targets[name];
    if (target === undefined) throw new Error(`unknown constant object ${name}`);
    saved.push([target, structuredClone({ ...(target as Record<string, unknown>) })]);
    deepAssign(target as Record<string, unknown>, values);
  }
  return () => {
    for (const [target, values] of saved.reverse()) Object.assign(target, values);
  };
}

/** `setting` on top of `base`: tuning and constants merged key by key, nested objects included. */
export function layerSetting(base: EvaluationSetting, setting: EvaluationSetting): EvaluationSetting {
  const tuning = structuredClone(base.tuning ?? {}) as Record<string, unknown>;
  deepAssign(tuning, (setting.tuning ?? {}) as Record<string, unknown>);
  const constants = structuredClone(base.constants ?? {}) as Record<string, unknown>;
  deepAssign(constants, setting.constants ?? {});
  return {
    label: setting.label,
    tuning: tuning as Partial<RetrievalTuning>,
    constants: constants as EvaluationSetting['constants'],
  };
}

function withValue(
  setting: EvaluationSetting,
  owner: string,
  key: string,
  value: unknown,
  part: string,
): EvaluationSetting {
  const nested = key
    .split('.')
    .reverse()
    .reduce<unknown>((inner, segment) => ({ [segment]: inner }), value) as Record<string, unknown>;
  const label = setting.label === 'default' ? part : `${setting.label} ${part}`;
  if (owner === 'tuning') {
    const tuning = structuredClone(setting.tuning ?? {}) as Record<string, unknown>;
    deepAssign(tuning, nested);
    return { ...setting, label, tuning: tuning as Partial<RetrievalTuning> };
  }
  const constants = structuredClone(setting.constants ?? {});
  constants[owner] = constants[owner] ?? {};
  deepAssign(constants[owner] as Record<string, unknown>, nested);
  return { ...setting, label, constants };
}

function deepAssign(target: Record<string, unknown>, values: Record<string, unknown>): void {
  for (const [key, value] of Object.entries(values)) {
    const current = target[key];
    if (isPlainObject(value) && isPlainObject(current)) {
      target[key] = { ...current };
      deepAssign(target[key] as Record<string, unknown>, value);
    } else target[key] = value;
  }
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function parseValue(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}
