/**
 * Typed configuration options (docs/configuration.md is generated from them): each key is declared
 * once — key, type, default, description, deprecated keys — in an options module next to the
 * component that reads it, and read only through `readOption`, so a default lives in one place and
 * a wrong value fails with a message that names the key and what it expects.
 */
import { ConfigurationError, durationOption, intOption, numberOption, type Configuration } from "./configuration.js";

export type OptionType = "string" | "integer" | "number" | "duration" | "boolean" | "enum" | "bytes";

export interface ConfigOption<T> {
  readonly key: string;
  readonly type: OptionType;
  /** The default; `undefined` means "not set" (the component decides, e.g. from another option). */
  readonly defaultValue: T;
  readonly description: string;
  /** Older keys still read (in order) when `key` is not set. */
  readonly deprecatedKeys: readonly string[];
  /** For enum options: the accepted values. */
  readonly values?: readonly string[];
  /** Parses a present value; throws ConfigurationError naming the key. */
  parse(raw: string, key: string): T;
  /** How the default is shown in the documentation. */
  readonly documentedDefault?: string;
}

interface OptionSpec<T> {
  key: string;
  description: string;
  deprecatedKeys?: readonly string[];
  documentedDefault?: string;
  default: T;
}

const all: ConfigOption<unknown>[] = [];

function declare<T>(type: OptionType, spec: OptionSpec<unknown>, parse: (raw: string, key: string) => T, values?: readonly string[]): ConfigOption<T> {
  const option: ConfigOption<T> = {
    key: spec.key,
    type,
    defaultValue: spec.default as T,
    description: spec.description,
    deprecatedKeys: spec.deprecatedKeys ?? [],
    parse,
  };
  if (values) (option as { values?: readonly string[] }).values = values;
  if (spec.documentedDefault !== undefined) (option as { documentedDefault?: string }).documentedDefault = spec.documentedDefault;
  if (all.some((o) => o.key === option.key)) throw new Error(`configuration option ${option.key} is declared twice`);
  all.push(option as ConfigOption<unknown>);
  return option;
}

const single = (key: string, raw: string): Configuration => ({ [key]: raw });

export const options = {
  string: <D extends string | undefined>(spec: OptionSpec<D>): ConfigOption<string | D> => declare("string", spec, (raw) => raw),
  integer: <D extends number | undefined>(spec: OptionSpec<D>): ConfigOption<number | D> =>
    declare("integer", spec, (raw, key) => intOption(single(key, raw), key, 0)),
  number: <D extends number | undefined>(spec: OptionSpec<D>): ConfigOption<number | D> =>
    declare("number", spec, (raw, key) => numberOption(single(key, raw), key, 0)),
  /** Milliseconds; values may carry Flink's units ("10 s", "500 ms", "1 min"). */
  duration: <D extends number | undefined>(spec: OptionSpec<D>): ConfigOption<number | D> =>
    declare("duration", spec, (raw, key) => durationOption(single(key, raw), key, 0)),
  boolean: <D extends boolean | undefined>(spec: OptionSpec<D>): ConfigOption<boolean | D> =>
    declare("boolean", spec, (raw, key) => {
      const v = raw.trim().toLowerCase();
      if (v === "true") return true;
      if (v === "false") return false;
      throw new ConfigurationError(`${key} must be true or false, got "${raw}"`);
    }),
  /** Case-insensitive; `-` and `_` are the same (Flink writes both EXACTLY_ONCE and exactly-once). */
  enum: <V extends string, D extends V | undefined>(spec: OptionSpec<D> & { values: readonly V[] }): ConfigOption<V | D> =>
    declare(
      "enum",
      spec,
      (raw, key) => {
        const norm = (s: string): string => s.trim().toLowerCase().replace(/_/g, "-");
        const found = spec.values.find((v) => norm(v) === norm(raw));
        if (found === undefined) throw new ConfigurationError(`${key} must be one of ${spec.values.join(", ")}, got "${raw}"`);
        return found as V | D;
      },
      spec.values,
    ),
};

/** The value of `option` in `config`: its key, else its deprecated keys, else its default. */
export function readOption<T>(config: Readonly<Configuration>, option: ConfigOption<T>): T {
  for (const key of [option.key, ...option.deprecatedKeys]) {
    const raw = config[key];
    if (raw !== undefined && raw !== "") return option.parse(raw, key);
  }
  return option.defaultValue;
}

/** Every option declared so far (the documentation generator imports every options module first). */
export function declaredOptions(): readonly ConfigOption<unknown>[] {
  return all;
}
