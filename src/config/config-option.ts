/**
 * Typed configuration options (docs/architecture.md, "Configuration"; docs/configuration.md is
 * generated from them): each key is declared once — key, type, default, description, deprecated
 * keys — in an options module (`*-options.ts`) next to the component that reads it, and read only
 * through `readOption`, so a default lives in one place and a wrong value fails with a message that
 * names the key and what it expects.
 */
import { ConfigurationError, durationOption, intOption, numberOption, type Configuration } from "./configuration.js";
import { parseByteSize } from "./byte-size.js";

export type OptionType = "string" | "integer" | "number" | "duration" | "boolean" | "enum" | "bytes" | "list";

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
  /**
   * `true`: readOption fails when the key is not set. A string says when it is required (e.g.
   * "when high-availability.type is zookeeper"); the component then reads it with requireOption.
   */
  readonly required?: true | string;
  /** For integer, number, duration and bytes options: the smallest accepted value. */
  readonly min?: number;
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
  required?: true | string;
}

interface NumericSpec<T> extends OptionSpec<T> {
  /** The smallest accepted value (for durations in ms, for sizes in bytes). */
  min?: number;
}

const all: ConfigOption<unknown>[] = [];
const declared = new WeakSet<object>();

function declare<T>(type: OptionType, spec: NumericSpec<unknown>, parse: (raw: string, key: string) => T, values?: readonly string[]): ConfigOption<T> {
  const checked = (raw: string, key: string): T => {
    const value = parse(raw, key);
    if (spec.min !== undefined && typeof value === "number" && value < spec.min) {
      throw new ConfigurationError(`${key} must be at least ${spec.min}${type === "duration" ? " ms" : type === "bytes" ? " bytes" : ""}, got "${raw}"`);
    }
    return value;
  };
  const option: ConfigOption<T> = {
    key: spec.key,
    type,
    defaultValue: spec.default as T,
    description: spec.description,
    deprecatedKeys: spec.deprecatedKeys ?? [],
    parse: checked,
    ...(values ? { values } : {}),
    ...(spec.required !== undefined ? { required: spec.required } : {}),
    ...(spec.min !== undefined ? { min: spec.min } : {}),
    ...(spec.documentedDefault !== undefined ? { documentedDefault: spec.documentedDefault } : {}),
  };
  if (all.some((o) => o.key === option.key)) throw new Error(`configuration option ${option.key} is declared twice`);
  all.push(option as ConfigOption<unknown>);
  declared.add(option);
  return option;
}

const single = (key: string, raw: string): Configuration => ({ [key]: raw });

export const options = {
  /** Surrounding whitespace is dropped. */
  string: <D extends string | undefined>(spec: OptionSpec<D>): ConfigOption<string | D> => declare("string", spec, (raw) => raw.trim()),
  integer: <D extends number | undefined>(spec: NumericSpec<D>): ConfigOption<number | D> =>
    declare("integer", spec, (raw, key) => intOption(single(key, raw.trim()), key, 0)),
  number: <D extends number | undefined>(spec: NumericSpec<D>): ConfigOption<number | D> =>
    declare("number", spec, (raw, key) => numberOption(single(key, raw), key, 0)),
  /** Milliseconds; values may carry Flink's units ("10 s", "500 ms", "1 min"). */
  duration: <D extends number | undefined>(spec: NumericSpec<D>): ConfigOption<number | D> =>
    declare("duration", spec, (raw, key) => durationOption(single(key, raw), key, 0)),
  /** Bytes; values may carry Flink's memory units ("64 mb", "512k", "1 gb"; binary multiples). */
  bytes: <D extends number | undefined>(spec: NumericSpec<D>): ConfigOption<number | D> => declare("bytes", spec, parseByteSize),
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
  /** Strings separated by ";" (Flink's list separator) or ","; blanks around items and empty items are dropped. */
  list: <D extends readonly string[] | undefined>(spec: OptionSpec<D>): ConfigOption<readonly string[] | D> =>
    declare("list", spec, (raw) =>
      raw
        .split(/[;,]/)
        .map((item) => item.trim())
        .filter((item) => item !== ""),
    ),
};

/** The value of `option` in `config`: its key, else its deprecated keys, else its default. */
export function readOption<T>(config: Readonly<Configuration>, option: ConfigOption<T>): T {
  for (const key of [option.key, ...option.deprecatedKeys]) {
    const raw = config[key];
    if (raw !== undefined && raw.trim() !== "") return option.parse(raw, key);
  }
  if (option.required === true && option.defaultValue === undefined) throw missing(option, "");
  return option.defaultValue;
}

/**
 * The value of an option that must be set in this situation (`when`, e.g. "when
 * high-availability.type is zookeeper"); fails with a message that says how to set it.
 */
export function requireOption<T>(config: Readonly<Configuration>, option: ConfigOption<T>, when = ""): NonNullable<T> {
  const value = readOption(config, option);
  if (value === undefined || value === null) throw missing(option, when);
  return value as NonNullable<T>;
}

function missing(option: ConfigOption<unknown>, when: string): ConfigurationError {
  return new ConfigurationError(
    `${option.key} is required${when ? ` ${when}` : ""}: set it in the configuration file (${option.key}: …) or with -D ${option.key}=… (${option.description})`,
  );
}

/** True for an option made by `options.*` (the documentation generator finds them among a module's exports). */
export function isConfigOption(value: unknown): value is ConfigOption<unknown> {
  return typeof value === "object" && value !== null && declared.has(value);
}

/** Every option declared so far (the documentation generator imports every options module first). */
export function declaredOptions(): readonly ConfigOption<unknown>[] {
  return all;
}
