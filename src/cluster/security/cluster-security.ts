/**
 * Security of the connections between cluster processes, read from the
 * configuration once per process and applied to every RPC, data and blob connection it makes:
 *
 *  - security.cluster.secret, or security.cluster.secret-file (a file holding it), or the
 *    SLUICE_CLUSTER_SECRET environment variable: with a secret, every connection proves knowledge
 *    of it by challenge–response (the secret never crosses the wire);
 *  - security.ssl.internal.enabled with .cert, .key and .ca (PEM files): mutual TLS on every
 *    internal connection, peers' certificates must chain to the CA;
 *  - safe by default: servers bind to 127.0.0.1; a process asked to listen on any other address
 *    without a secret refuses to start unless security.network.trusted is true.
 */
import { readFileSync } from "node:fs";
import { isIP } from "node:net";
import { ConfigurationError } from "../../config/configuration.js";
import type { RpcTlsOptions } from "../rpc/tcp/tls-options.js";

export const SecurityOptions = {
  SECRET: "security.cluster.secret",
  SECRET_FILE: "security.cluster.secret-file",
  TRUSTED_NETWORK: "security.network.trusted",
  SSL_INTERNAL_ENABLED: "security.ssl.internal.enabled",
  SSL_INTERNAL_CERT: "security.ssl.internal.cert",
  SSL_INTERNAL_KEY: "security.ssl.internal.key",
  SSL_INTERNAL_CA: "security.ssl.internal.ca",
} as const;

export const SECRET_ENV = "SLUICE_CLUSTER_SECRET";

export interface ClusterSecurity {
  /** Shared cluster secret; undefined = connections are not authenticated. */
  secret?: string;
  /** Mutual TLS for internal connections. */
  tls?: RpcTlsOptions;
  /** The operator said the network is trusted: non-loopback addresses without a secret are allowed. */
  trustedNetwork: boolean;
}

type Config = Readonly<Record<string, string>>;

export function clusterSecurity(config: Config, env: NodeJS.ProcessEnv = process.env): ClusterSecurity {
  return { secret: readSecret(config, env), tls: readInternalTls(config), trustedNetwork: bool(config, SecurityOptions.TRUSTED_NETWORK) };
}

function readSecret(config: Config, env: NodeJS.ProcessEnv): string | undefined {
  const inline = config[SecurityOptions.SECRET];
  const file = config[SecurityOptions.SECRET_FILE];
  if (inline !== undefined && file !== undefined) {
    throw new ConfigurationError(`set either ${SecurityOptions.SECRET} or ${SecurityOptions.SECRET_FILE}, not both`);
  }
  let secret = inline ?? env[SECRET_ENV];
  let source = inline !== undefined ? SecurityOptions.SECRET : SECRET_ENV;
  if (file !== undefined) {
    try {
      secret = readFileSync(file, "utf8").trim();
    } catch (e) {
      throw new ConfigurationError(`cannot read ${SecurityOptions.SECRET_FILE} (${file}): ${(e as Error).message}`);
    }
    source = SecurityOptions.SECRET_FILE;
  }
  if (secret === undefined) return undefined;
  // A short secret can be guessed offline from one recorded handshake (HMAC of known nonces).
  if (secret.length < 16) throw new ConfigurationError(`${source} is too short: use at least 16 characters (e.g. openssl rand -hex 32)`);
  return secret;
}

function readInternalTls(config: Config): RpcTlsOptions | undefined {
  if (!bool(config, SecurityOptions.SSL_INTERNAL_ENABLED)) return undefined;
  const pem = (key: string): string => {
    const path = config[key];
    if (!path) throw new ConfigurationError(`${SecurityOptions.SSL_INTERNAL_ENABLED} is true but ${key} (a PEM file) is not set`);
    try {
      return readFileSync(path, "utf8");
    } catch (e) {
      throw new ConfigurationError(`cannot read ${key} (${path}): ${(e as Error).message}`);
    }
  };
  // The CA is required: without it any certificate from a public CA would be accepted as a peer.
  return { cert: pem(SecurityOptions.SSL_INTERNAL_CERT), key: pem(SecurityOptions.SSL_INTERNAL_KEY), ca: pem(SecurityOptions.SSL_INTERNAL_CA), requireClientCert: true };
}

function bool(config: Config, key: string): boolean {
  const v = config[key]?.trim().toLowerCase();
  if (v === undefined || v === "" || v === "false") return false;
  if (v === "true") return true;
  throw new ConfigurationError(`${key} must be true or false, got "${config[key]}"`);
}

export function isLoopbackHost(host: string): boolean {
  const h = host.toLowerCase().replace(/^\[|\]$/g, "");
  if (h === "localhost" || h.endsWith(".localhost")) return true;
  if (isIP(h) === 4) return h.startsWith("127.");
  return h === "::1";
}

/**
 * Checks an address a server of this process is about to listen on (and advertise to peers).
 * Throws ConfigurationError with what to do instead.
 */
export function checkListenAddress(host: string, key: string, security: ClusterSecurity): void {
  if (host === "0.0.0.0" || host === "::" || host === "") {
    // The address is also what peers are told to connect to, so it must be a reachable one.
    throw new ConfigurationError(`${key} must be an address other processes can reach this one at, not the wildcard "${host}"`);
  }
  if (isLoopbackHost(host) || security.secret !== undefined || security.trustedNetwork) return;
  throw new ConfigurationError(
    `refusing to listen on ${host} (${key}) without a cluster secret: anyone who reaches this port could ` +
      `run code in the cluster. Set ${SecurityOptions.SECRET_FILE} (or ${SecurityOptions.SECRET}) on every process, ` +
      `or set ${SecurityOptions.TRUSTED_NETWORK}: true if the network is trusted.`,
  );
}
