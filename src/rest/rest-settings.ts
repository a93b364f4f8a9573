/**
 * The REST endpoint's settings from the configuration, with Flink's key names where Flink has one:
 * rest.address / rest.bind-address, rest.port, security.ssl.rest.*, web.upload.dir, web.submit.enable,
 * web.refresh-interval; and Sluice's rest.auth.token, rest.auth.read, rest.upload.max-bytes,
 * rest.request.max-bytes, rest.jar.evaluation.*, rest.savepoints.allowed-roots (besides the
 * Dispatcher's own savepoint and checkpoint directories).
 */
import { readFileSync } from "node:fs";
import { isAbsolute, resolve } from "node:path";
import { ConfigurationError, durationOption } from "../config/configuration.js";
import { checkpointSettings } from "../cluster/jobmaster/checkpoint-settings.js";
import type { AccessSettings } from "./http/access.js";
import { isLoopbackName } from "./http/access.js";
import type { EvaluationLimits } from "./jars/bundle-evaluator.js";

export interface RestSettings {
  address: string;
  port: number;
  tls?: { cert: string; key: string };
  access: AccessSettings;
  jsonBodyMaxBytes: number;
  uploadMaxBytes: number;
  jarDir?: string;
  evaluation: EvaluationLimits;
  /** Directories savepoints may be written to; a request's target must resolve inside one. */
  savepointRoots: string[];
  /** Directories a job may be started from (savepoints and retained checkpoints). */
  restoreRoots: string[];
  refreshIntervalMs: number;
  webSubmit: boolean;
  webCancel: boolean;
}

const MIB = 1024 * 1024;

/** Flink memory sizes: "1048576", "512 kb", "100 mb", "1g". */
export function parseBytes(value: string | undefined, fallback: number, key: string): number {
  if (value === undefined || value.trim() === "") return fallback;
  const m = /^\s*(\d+)\s*(b|bytes|k|kb|kib|m|mb|mib|g|gb|gib)?\s*$/i.exec(value);
  if (!m) throw new ConfigurationError(`${key} must be a size such as 1048576 or "100 mb", got "${value}"`);
  const unit = (m[2] ?? "b").toLowerCase()[0];
  const factor = unit === "k" ? 1024 : unit === "m" ? MIB : unit === "g" ? 1024 * MIB : 1;
  return Number(m[1]) * factor;
}

function intSetting(config: Readonly<Record<string, string>>, key: string, fallback: number, min: number, max: number): number {
  const v = config[key];
  if (v === undefined || v.trim() === "") return fallback;
  const n = Number(v);
  if (!Number.isInteger(n) || n < min || n > max) throw new ConfigurationError(`${key} must be an integer from ${min} to ${max}, got "${v}"`);
  return n;
}

function boolSetting(config: Readonly<Record<string, string>>, key: string, fallback: boolean): boolean {
  const v = config[key]?.trim().toLowerCase();
  if (v === undefined || v === "") return fallback;
  if (v === "true") return true;
  if (v === "false") return false;
  throw new ConfigurationError(`${key} must be true or false, got "${config[key]}"`);
}

function readPem(config: Readonly<Record<string, string>>, key: string): string {
  const path = config[key];
  if (!path) throw new ConfigurationError(`security.ssl.rest.enabled is true but ${key} (a PEM file) is not set`);
  try {
    return readFileSync(path, "utf8");
  } catch (e) {
    throw new ConfigurationError(`cannot read ${key} (${path}): ${(e as Error).message}`);
  }
}

export function restSettings(config: Readonly<Record<string, string>>): RestSettings {
  const address = config["rest.bind-address"] || config["rest.address"] || "127.0.0.1";
  const token = config["rest.auth.token"] || undefined;
  // Whoever reaches an open REST port can run code in the cluster (docs/security.md): off loopback the
  // endpoint needs a token, unless the operator declares that only trusted clients can reach it.
  if (!isLoopbackName(address) && token === undefined && !boolSetting(config, "security.network.trusted", false)) {
    throw new ConfigurationError(
      `refusing to serve the REST API on ${address} (rest.bind-address / rest.address) without rest.auth.token: ` +
        "anyone who reaches it could run code in the cluster. Set rest.auth.token (clients send it as a bearer token; " +
        "the CLI reads SLUICE_REST_TOKEN), or set security.network.trusted: true if only trusted clients can reach this address.",
    );
  }
  // The Dispatcher's own savepoint and checkpoint directories, plus any roots configured for requests.
  const dirs = checkpointSettings({}, { ...config });
  const extra = (config["rest.savepoints.allowed-roots"] ?? "").split(",").map((r) => r.trim().replace(/^file:\/\//, "")).filter(Boolean);
  for (const r of extra) if (!isAbsolute(r)) throw new ConfigurationError(`rest.savepoints.allowed-roots must hold absolute paths, got "${r}"`);
  const absolute = (rs: string[]): string[] => [...new Set(rs.map((r) => resolve(r.replace(/^file:\/\//, ""))))];
  return {
    address,
    port: intSetting(config, "rest.port", 8081, 0, 65535),
    tls: boolSetting(config, "security.ssl.rest.enabled", false) ? { cert: readPem(config, "security.ssl.rest.cert"), key: readPem(config, "security.ssl.rest.key") } : undefined,
    access: { token, tokenForReads: boolSetting(config, "rest.auth.read", false), loopbackOnly: isLoopbackName(address) },
    jsonBodyMaxBytes: parseBytes(config["rest.request.max-bytes"], MIB, "rest.request.max-bytes"),
    uploadMaxBytes: parseBytes(config["rest.upload.max-bytes"], 100 * MIB, "rest.upload.max-bytes"),
    jarDir: config["web.upload.dir"] || undefined,
    evaluation: {
      timeoutMs: durationOption(config, "rest.jar.evaluation.timeout", 10_000),
      maxHeapMb: intSetting(config, "rest.jar.evaluation.heap-mb", 256, 16, 65536),
      maxConcurrent: intSetting(config, "rest.jar.evaluation.max-concurrent", 2, 1, 64),
      maxQueued: intSetting(config, "rest.jar.evaluation.max-queued", 8, 0, 1024),
    },
    savepointRoots: absolute([dirs.savepointDir, ...extra]),
    restoreRoots: absolute([dirs.savepointDir, dirs.dir, ...extra]),
    refreshIntervalMs: intSetting(config, "web.refresh-interval", 3000, 100, 3_600_000),
    webSubmit: boolSetting(config, "web.submit.enable", true),
    webCancel: boolSetting(config, "web.cancel.enable", true),
  };
}
