/**
 * Configuration: a flat YAML file with Flink's key names (`rest.port: 8081`), overridden by
 * `-D key=value`. Nested YAML maps are flattened with dots, so both styles of Flink's config.yaml work.
 */
import { readFileSync } from "node:fs";

export type Configuration = Record<string, string>;

export class ConfigurationError extends Error {
  override name = "ConfigurationError";
}

/** Parses the subset of YAML that configuration files use: maps, scalars, comments, quotes. */
export function parseConfigYaml(text: string, source = "config"): Configuration {
  const out: Configuration = {};
  const stack: { indent: number; prefix: string }[] = [];
  text.split(/\r?\n/).forEach((raw, i) => {
    const line = raw.replace(/(^|\s)#.*$/, "");
    if (!line.trim()) return;
    const indent = line.length - line.trimStart().length;
    const m = /^([^:]+):(?:\s+(.*))?$/.exec(line.trim());
    if (!m) throw new ConfigurationError(`${source}:${i + 1}: expected "key: value", got "${raw.trim()}"`);
    while (stack.length && stack[stack.length - 1]!.indent >= indent) stack.pop();
    const key = (stack.length ? stack[stack.length - 1]!.prefix + "." : "") + m[1]!.trim();
    const value = m[2]?.trim();
    if (value === undefined || value === "") stack.push({ indent, prefix: key });
    else out[key] = unquote(value);
  });
  return out;
}

function unquote(v: string): string {
  if ((v.startsWith('"') && v.endsWith('"')) || (v.startsWith("'") && v.endsWith("'"))) return v.slice(1, -1);
  return v;
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
