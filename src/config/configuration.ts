/**
 * Configuration: a flat YAML file with Flink's key names (`rest.port: 8081`), overridden by
 * `-D key=value`. Nested YAML maps are flattened with dots, so both styles of Flink's config.yaml work.
 */
import { readFileSync } from "node:fs";
import { registerErrorClass, SluiceError } from "../errors/sluice-error.js";

export type Configuration = Record<string, string>;

/** A configuration value is missing, malformed or contradicts another; the message names the key. */
export class ConfigurationError extends SluiceError {}
registerErrorClass(ConfigurationError);

/** Parses the subset of YAML that configuration files use: maps, scalars, comments, quotes. */
export function parseConfigYaml(text: string, source = "config"): Configuration {
  const out: Configuration = {};
  const stack: { indent: number; prefix: string }[] = [];
  text.split(/\r?\n/).forEach((raw, i) => {
    if (/^\s*(#.*)?$/.test(raw)) return;
    const fail = (what: string): ConfigurationError => new ConfigurationError(`${source}:${i + 1}: ${what}, got "${raw.trim()}"`);
    const m = /^(\s*)([^\s:#][^:]*?)\s*:(?:\s+(.*))?$/.exec(raw);
    if (!m) throw fail('expected "key: value"');
    const indent = m[1]!.length;
    while (stack.length && stack[stack.length - 1]!.indent >= indent) stack.pop();
    const key = (stack.length ? stack[stack.length - 1]!.prefix + "." : "") + m[2]!;
    const value = parseScalar(m[3] ?? "", fail);
    if (value === undefined) stack.push({ indent, prefix: key });
    else out[key] = value;
  });
  return out;
}

/** A scalar: plain (a " #" starts a comment), 'single' ('' is a quote) or "double" (JSON escapes); undefined if empty. */
function parseScalar(text: string, fail: (what: string) => ConfigurationError): string | undefined {
  const t = text.trim();
  if (t.startsWith('"')) {
    const m = /^"((?:[^"\\]|\\.)*)"\s*(#.*)?$/.exec(t);
    if (!m) throw fail("unterminated double-quoted value");
    try {
      return JSON.parse(`"${m[1]!}"`) as string;
    } catch {
      throw fail("invalid escape in double-quoted value");
    }
  }
  if (t.startsWith("'")) {
    const m = /^'((?:[^']|'')*)'\s*(#.*)?$/.exec(t);
    if (!m) throw fail("unterminated single-quoted value");
    return m[1]!.replace(/''/g, "'");
  }
  const plain = t.replace(/(^|\s)#.*$/, "").trim();
  return plain === "" ? undefined : plain;
}

/** Parses `key=value` pairs from -D options. */
export function parseDynamicProperties(pairs: readonly string[]): Configuration {
  const out: Configuration = {};
  for (const p of pairs) {
    const i = p.indexOf("=");
    if (i <= 0) throw new ConfigurationError(`-D expects key=value, got "${p}"`);
    out[p.slice(0, i).trim()] = p.slice(i + 1).trim();
  }
  return out;
}

export function loadConfiguration(file: string | undefined, dynamic: readonly string[] = []): Configuration {
  let base: Configuration = {};
  const path = file ?? process.env.SLUICE_CONFIG;
  if (path) {
    let text: string;
    try {
      text = readFileSync(path, "utf8");
    } catch (e) {
      throw new ConfigurationError(`cannot read configuration file ${path}: ${(e as Error).message}`);
    }
    base = parseConfigYaml(text, path);
  }
  return { ...base, ...parseDynamicProperties(dynamic) };
}

export function intOption(config: Configuration, key: string, fallback: number): number {
  const v = config[key];
  if (v === undefined) return fallback;
  const n = Number(v);
  if (!Number.isInteger(n)) throw new ConfigurationError(`${key} must be an integer, got "${v}"`);
  return n;
}

const DURATION_UNITS_MS: Record<string, number> = {
  "": 1,
  ms: 1,
  milli: 1,
  millis: 1,
  millisecond: 1,
  milliseconds: 1,
  s: 1000,
  sec: 1000,
  secs: 1000,
  second: 1000,
  seconds: 1000,
  m: 60_000,
  min: 60_000,
  minute: 60_000,
  minutes: 60_000,
  h: 3_600_000,
  hour: 3_600_000,
  hours: 3_600_000,
  d: 86_400_000,
  day: 86_400_000,
  days: 86_400_000,
};

/** A Flink duration in ms: a plain number is milliseconds; "10 s", "1min", "500 ms" carry a unit. */
export function durationOption(config: Configuration, key: string, fallback: number): number {
  const v = config[key];
  if (v === undefined) return fallback;
  const m = /^(\d+(?:\.\d+)?)\s*([a-z]*)$/i.exec(v.trim());
  const factor = m ? DURATION_UNITS_MS[m[2]!.toLowerCase()] : undefined;
  if (!m || factor === undefined) throw new ConfigurationError(`${key} must be a duration such as "10 s" or "500 ms", got "${v}"`);
  return Math.round(Number(m[1]) * factor);
}

export function numberOption(config: Configuration, key: string, fallback: number): number {
  const v = config[key];
  if (v === undefined) return fallback;
  const n = Number(v);
  if (v.trim() === "" || !Number.isFinite(n)) throw new ConfigurationError(`${key} must be a number, got "${v}"`);
  return n;
}
