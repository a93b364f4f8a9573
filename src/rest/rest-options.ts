/**
 * REST endpoint and dashboard: Flink's keys where Flink has one (rest.address / rest.bind-address,
 * rest.port, web.*), Sluice's own for the bearer token, body limits, jar evaluation and savepoint
 * roots, and the endpoint's TLS (security.ssl.rest.*). rest-settings.ts turns them into the
 * server's settings.
 */
import { options, readOption, type ConfigOption } from "../config/config-option.js";
import { ConfigurationError, type Configuration } from "../config/configuration.js";

export const RestOptions = {
  ADDRESS: options.string({
    key: "rest.address",
    default: undefined,
    documentedDefault: "127.0.0.1",
    description: "Address of the REST endpoint: where clients connect, and where it listens unless rest.bind-address is set.",
  }),
  BIND_ADDRESS: options.string({
    key: "rest.bind-address",
    default: undefined,
    documentedDefault: "rest.address",
    description: "Address the REST endpoint listens on. Off loopback it needs rest.auth.token (or security.network.trusted: true).",
  }),
  PORT: options.integer({ key: "rest.port", default: 8081, description: "Port of the REST endpoint and the dashboard (0: any free port)." }),
  AUTH_TOKEN: options.string({
    key: "rest.auth.token",
    default: undefined,
    documentedDefault: "none",
    description: "Bearer token clients must send to change anything (and to read, with rest.auth.read). The CLI also reads SLUICE_REST_TOKEN.",
  }),
  AUTH_READ: options.boolean({ key: "rest.auth.read", default: false, description: "Require rest.auth.token for reads too, not only for changes." }),
  REQUEST_MAX_BYTES: options.bytes({
    key: "rest.request.max-bytes",
    default: 1024 * 1024,
    documentedDefault: "1 mb",
    description: "Largest JSON request body the REST endpoint reads (a size such as 1048576 or \"1 mb\").",
  }),
  UPLOAD_MAX_BYTES: options.bytes({
    key: "rest.upload.max-bytes",
    default: 100 * 1024 * 1024,
    documentedDefault: "100 mb",
    description: "Largest upload (job submission with its bundle, jar upload) the REST endpoint reads.",
  }),
  JAR_EVALUATION_TIMEOUT: options.duration({
    key: "rest.jar.evaluation.timeout",
    default: 10_000,
    description: "Time an uploaded bundle's pipeline definition gets to build its JobGraph (POST /jars/:jarid/run, /plan).",
  }),
  JAR_EVALUATION_HEAP_MB: options.integer({
    key: "rest.jar.evaluation.heap-mb",
    default: 256,
    description: "Heap limit in MiB of the worker thread that evaluates an uploaded bundle (16 to 65536).",
  }),
  JAR_EVALUATION_MAX_CONCURRENT: options.integer({
    key: "rest.jar.evaluation.max-concurrent",
    default: 2,
    description: "Bundles evaluated at once (1 to 64).",
  }),
  JAR_EVALUATION_MAX_QUEUED: options.integer({
    key: "rest.jar.evaluation.max-queued",
    default: 8,
    description: "Evaluations waiting for a free evaluator before requests are refused with 503 (0 to 1024).",
  }),
  SAVEPOINT_ROOTS: options.list({
    key: "rest.savepoints.allowed-roots",
    default: [],
    documentedDefault: "none",
    description:
      "Comma-separated absolute directories a REST request may write savepoints to or start jobs from, besides the configured savepoint and checkpoint directories.",
  }),
  PARALLELISM_DEFAULT: options.integer({
    key: "parallelism.default",
    default: 1,
    description: "Parallelism of the operators of a submitted job that set none (`sluice run -p` and the jar run request's parallelism take precedence).",
  }),
  SSL_ENABLED: options.boolean({
    key: "security.ssl.rest.enabled",
    default: false,
    description: "Serve the REST API and dashboard over HTTPS; the server needs .cert and .key, clients (the CLI) may need .ca.",
  }),
  SSL_CERT: options.string({
    key: "security.ssl.rest.cert",
    default: undefined,
    required: "when security.ssl.rest.enabled is true",
    description: "PEM file with the REST server's certificate.",
  }),
  SSL_KEY: options.string({
    key: "security.ssl.rest.key",
    default: undefined,
    required: "when security.ssl.rest.enabled is true",
    description: "PEM file with the private key of security.ssl.rest.cert.",
  }),
  SSL_CA: options.string({
    key: "security.ssl.rest.ca",
    default: undefined,
    description: "PEM file with the CA a REST client (the CLI) trusts for the server's certificate, when it is not signed by a public CA.",
  }),
} as const;

export const WebOptions = {
  UPLOAD_DIR: options.string({
    key: "web.upload.dir",
    default: undefined,
    documentedDefault: "a temporary folder",
    description: "Directory of the bundles uploaded through /jars/upload.",
  }),
  REFRESH_INTERVAL: options.integer({ key: "web.refresh-interval", default: 3000, description: "How often the dashboard refreshes, in ms (100 to 3600000)." }),
  SUBMIT_ENABLE: options.boolean({ key: "web.submit.enable", default: true, description: "Allow uploading and running bundles through the REST API and the dashboard." }),
  CANCEL_ENABLE: options.boolean({ key: "web.cancel.enable", default: true, description: "Allow cancelling jobs through the REST API and the dashboard." }),
} as const;

/** An integer option whose value must lie in [min, max]. */
export function readIntInRange(config: Readonly<Configuration>, option: ConfigOption<number>, min: number, max: number): number {
  const value = readOption(config, option);
  if (!Number.isInteger(value) || value < min || value > max) {
    throw new ConfigurationError(`${option.key} must be an integer from ${min} to ${max}, got "${config[option.key]}"`);
  }
  return value;
}
