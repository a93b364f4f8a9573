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
import { readOption, requireOption, type ConfigOption } from "../../config/config-option.js";
import { ConfigurationError, type Configuration } from "../../config/configuration.js";
import type { RpcTlsOptions } from "../rpc/tcp/tls-options.js";
import { SecurityOptions } from "./security-options.js";

export { SecurityOptions };

export const SECRET_ENV = "SLUICE_CLUSTER_SECRET";

export interface ClusterSecurity {
  /** Shared cluster secret; undefined = connections are not authenticated. */
  secret?: string;
  /** Mutual TLS for internal connections. */
  tls?: RpcTlsOptions;
  /** The operator said the network is trusted: non-loopback addresses without a secret are allowed. */
  trustedNetwork: boolean;
}

type Config = Readonly<Configuration>;

export function clusterSecurity(config: Config, env: NodeJS.ProcessEnv = process.env): ClusterSecurity {
  return { secret: readSecret(config, env), tls: readInternalTls(config), trustedNetwork: readOption(config, SecurityOptions.TRUSTED_NETWORK) };
}

function readSecret(config: Config, env: NodeJS.ProcessEnv): string | undefined {
  const inline = readOption(config, SecurityOptions.SECRET);
  const file = readOption(config, SecurityOptions.SECRET_FILE);
  if (inline !== undefined && file !== undefined) {
    throw new ConfigurationError(`set either ${SecurityOptions.SECRET.key} or ${SecurityOptions.SECRET_FILE.key}, not both`);
  }
  let secret = inline ?? env[SECRET_ENV];
  let source = inline !== undefined ? SecurityOptions.SECRET.key : SECRET_ENV;
  if (file !== undefined) {
    try {
      secret = readFileSync(file, "utf8").trim();
    } catch (e) {
      throw new ConfigurationError(`cannot read ${SecurityOptions.SECRET_FILE.key} (${file}): ${(e as Error).message}`);
    }
    source = SecurityOptions.SECRET_FILE.key;
  }
  if (secret === undefined) return undefined;
  // A short secret can be guessed offline from one recorded handshake (HMAC of known nonces).
  if (secret.length < 16) throw new ConfigurationError(`${source} is too short: use at least 16 characters (e.g. openssl rand -hex 32)`);
  return secret;
}

function readInternalTls(config: Config): RpcTlsOptions | undefined {
  if (!readOption(config, SecurityOptions.SSL_INTERNAL_ENABLED)) return undefined;
  const pem = (option: ConfigOption<string | undefined>): string => {
    const path = requireOption(config, option, `when ${SecurityOptions.SSL_INTERNAL_ENABLED.key} is true`);
    try {
      return readFileSync(path, "utf8");
    } catch (e) {
      throw new ConfigurationError(`cannot read ${option.key} (${path}): ${(e as Error).message}`);
    }
  };
  // The CA is required: without it any certificate from a public CA would be accepted as a peer.
  return { cert: pem(SecurityOptions.SSL_INTERNAL_CERT), key: pem(SecurityOptions.SSL_INTERNAL_KEY), ca: pem(SecurityOptions.SSL_INTERNAL_CA), requireClientCert: true };
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
      `run code in the cluster. Set ${SecurityOptions.SECRET_FILE.key} (or ${SecurityOptions.SECRET.key}) on every process, ` +
      `or set ${SecurityOptions.TRUSTED_NETWORK.key}: true if the network is trusted.`,
  );
}
