/**
 * Security: the cluster secret that authenticates connections between cluster processes, TLS for
 * internal connections, and the trusted-network escape hatch (docs/security.md). The REST
 * endpoint's TLS options (security.ssl.rest.*) are the REST layer's, in src/rest/rest-options.ts.
 */
import { options } from "../../config/config-option.js";

export const SecurityOptions = {
  SECRET: options.string({
    key: "security.cluster.secret",
    default: undefined,
    documentedDefault: "$SLUICE_CLUSTER_SECRET",
    description:
      "Shared secret of the cluster's processes (at least 16 characters, e.g. from openssl rand -hex 32): every RPC, data and blob connection proves knowledge of it by challenge-response, the secret never crosses the wire. Prefer security.cluster.secret-file.",
  }),
  SECRET_FILE: options.string({
    key: "security.cluster.secret-file",
    default: undefined,
    description: "A file holding the cluster secret (surrounding whitespace ignored). Set this or security.cluster.secret, not both.",
  }),
  TRUSTED_NETWORK: options.boolean({
    key: "security.network.trusted",
    default: false,
    description:
      "Allow servers to listen on non-loopback addresses without a cluster secret (RPC) or token (REST): only for networks that only trusted parties can reach.",
  }),
  SSL_INTERNAL_ENABLED: options.boolean({
    key: "security.ssl.internal.enabled",
    default: false,
    description: "Mutual TLS on every connection between cluster processes; needs .cert, .key and .ca.",
  }),
  SSL_INTERNAL_CERT: options.string({
    key: "security.ssl.internal.cert",
    default: undefined,
    required: "when security.ssl.internal.enabled is true",
    description: "PEM file with this process's certificate for internal connections.",
  }),
  SSL_INTERNAL_KEY: options.string({
    key: "security.ssl.internal.key",
    default: undefined,
    required: "when security.ssl.internal.enabled is true",
    description: "PEM file with the private key of security.ssl.internal.cert.",
  }),
  SSL_INTERNAL_CA: options.string({
    key: "security.ssl.internal.ca",
    default: undefined,
    required: "when security.ssl.internal.enabled is true",
    description: "PEM file with the CA that peers' certificates must chain to (a public CA would let anyone with a certificate in).",
  }),
} as const;
