/**
 * The REST endpoint's settings from the configuration, with Flink's key names where Flink has one:
 * rest.address / rest.bind-address, rest.port, security.ssl.rest.*, web.upload.dir, web.submit.enable,
 * web.refresh-interval; and Sluice's rest.auth.token, rest.auth.read, rest.upload.max-bytes,
 * rest.request.max-bytes, rest.jar.evaluation.*, rest.savepoints.allowed-roots (besides the
 * Dispatcher's own savepoint and checkpoint directories).
 */
import { readFileSync } from "node:fs";
import { isAbsolute, resolve } from "node:path";
import { readOption, type ConfigOption } from "../config/config-option.js";
import { ConfigurationError } from "../config/configuration.js";
import { SecurityOptions } from "../cluster/security/security-options.js";
import { checkpointSettings } from "../cluster/jobmaster/checkpoint-settings.js";
import type { AccessSettings } from "./http/access.js";
import { isLoopbackName } from "./http/access.js";
import type { EvaluationLimits } from "./jars/bundle-evaluator.js";
import { RestOptions, WebOptions, readIntInRange } from "./rest-options.js";
import { isRemoteUri } from "../fs/file-system.js";

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

function readPem(config: Readonly<Record<string, string>>, option: ConfigOption<string | undefined>): string {
  const key = option.key;
  const path = readOption(config, option);
  if (!path) throw new ConfigurationError(`${RestOptions.SSL_ENABLED.key} is true but ${key} (a PEM file) is not set`);
  try {
    return readFileSync(path, "utf8");
  } catch (e) {
    throw new ConfigurationError(`cannot read ${key} (${path}): ${(e as Error).message}`);
  }
}

export function restSettings(config: Readonly<Record<string, string>>): RestSettings {
  const address = readOption(config, RestOptions.BIND_ADDRESS) || readOption(config, RestOptions.ADDRESS) || "127.0.0.1";
  const token = readOption(config, RestOptions.AUTH_TOKEN) || undefined;
  // Whoever reaches an open REST port can run code in the cluster (docs/security.md): off loopback the
  // endpoint needs a token, unless the operator declares that only trusted clients can reach it.
  if (!isLoopbackName(address) && token === undefined && !readOption(config, SecurityOptions.TRUSTED_NETWORK)) {
    throw new ConfigurationError(
      `refusing to serve the REST API on ${address} (rest.bind-address / rest.address) without rest.auth.token: ` +
        "anyone who reaches it could run code in the cluster. Set rest.auth.token (clients send it as a bearer token; " +
        "the CLI reads SLUICE_REST_TOKEN), or set security.network.trusted: true if only trusted clients can reach this address.",
    );
  }
  // The Dispatcher's own savepoint and checkpoint directories, plus any roots configured for requests.
  const dirs = checkpointSettings({}, { ...config });
  const extra = readOption(config, RestOptions.SAVEPOINT_ROOTS).map((r) => r.replace(/^file:\/\//, ""));
  for (const r of extra) if (!isAbsolute(r) && !isRemoteUri(r)) throw new ConfigurationError(`rest.savepoints.allowed-roots must hold absolute paths or s3:// URIs, got "${r}"`);
  // Local roots made absolute; object store roots (s3://…) as they are (docs/architecture.md, "File systems").
  const absolute = (rs: string[]): string[] => [...new Set(rs.map((r) => (isRemoteUri(r) ? r.replace(/\/+$/, "") : resolve(r.replace(/^file:\/\//, "")))))];
  return {
    address,
    port: readIntInRange(config, RestOptions.PORT, 0, 65535),
    tls: readOption(config, RestOptions.SSL_ENABLED) ? { cert: readPem(config, RestOptions.SSL_CERT), key: readPem(config, RestOptions.SSL_KEY) } : undefined,
    access: { token, tokenForReads: readOption(config, RestOptions.AUTH_READ), loopbackOnly: isLoopbackName(address) },
    jsonBodyMaxBytes: readOption(config, RestOptions.REQUEST_MAX_BYTES),
    uploadMaxBytes: readOption(config, RestOptions.UPLOAD_MAX_BYTES),
    jarDir: readOption(config, WebOptions.UPLOAD_DIR) || undefined,
    evaluation: {
      timeoutMs: readOption(config, RestOptions.JAR_EVALUATION_TIMEOUT),
      maxHeapMb: readIntInRange(config, RestOptions.JAR_EVALUATION_HEAP_MB, 16, 65536),
      maxConcurrent: readIntInRange(config, RestOptions.JAR_EVALUATION_MAX_CONCURRENT, 1, 64),
      maxQueued: readIntInRange(config, RestOptions.JAR_EVALUATION_MAX_QUEUED, 0, 1024),
    },
    savepointRoots: absolute([dirs.savepointDir, ...extra]),
    restoreRoots: absolute([dirs.savepointDir, dirs.dir, ...extra]),
    refreshIntervalMs: readIntInRange(config, WebOptions.REFRESH_INTERVAL, 100, 3_600_000),
    webSubmit: readOption(config, WebOptions.SUBMIT_ENABLE),
    webCancel: readOption(config, WebOptions.CANCEL_ENABLE),
  };
}
