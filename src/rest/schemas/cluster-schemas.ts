/** Response schemas of the cluster-level endpoints: overview, dashboard config, TaskManagers, JobManager. */
import type { JsonSchema } from "../schema/json-schema.js";
import { arrayOf, count, nullable, object } from "./common.js";

export const clusterOverview: JsonSchema = object({
  taskmanagers: count,
  "slots-total": count,
  "slots-available": count,
  "jobs-running": count,
  "jobs-finished": count,
  "jobs-cancelled": count,
  "jobs-failed": count,
  "sluice-version": { type: "string" },
  "flink-version": { type: "string", description: "the Flink REST API version Sluice is compatible with" },
  "flink-commit": { type: "string", description: "sluice-<version>: there is no Flink commit" },
  "slots-free-and-blocked": { ...count, description: "always 0: Sluice does not block TaskManagers" },
  "taskmanagers-blocked": { ...count, description: "always 0: Sluice does not block TaskManagers" },
});

export const dashboardConfig: JsonSchema = object({
  "refresh-interval": count,
  "timezone-name": { type: "string" },
  "timezone-offset": { type: "integer" },
  "sluice-version": { type: "string" },
  "flink-version": { type: "string", description: "the Flink REST API version Sluice is compatible with" },
  "flink-revision": { type: "string", description: "sluice-<version>: there is no Flink commit" },
  features: object({ "web-submit": { type: "boolean" }, "web-cancel": { type: "boolean" }, "web-history": { type: "boolean" }, "web-rescale": { type: "boolean" } }),
  auth: {
    ...object({ "token-required-for-writes": { type: "boolean" }, "token-required-for-reads": { type: "boolean" } }),
    description: "Sluice: whether the dashboard must ask for the bearer token (rest.auth.token, rest.auth.read)",
  },
});

export const configEntries: JsonSchema = {
  ...arrayOf(object({ key: { type: "string" }, value: { type: "string" } })),
  description: "Configuration entries; values of secret keys (tokens, passwords, secrets, keys) are replaced by ******",
};

export const logList: JsonSchema = object({ logs: arrayOf(object({ name: { type: "string" }, size: count, mtime: count })) });

export const environmentInfo: JsonSchema = object({
  jvm: {
    ...object({ version: { type: "string" }, arch: { type: "string" }, options: arrayOf({ type: "string" }) }),
    description: "the Node.js runtime of the process (Flink: the JVM): version, architecture, execArgv",
  },
  classpath: { ...arrayOf({ type: "string" }), description: "always empty: a job is one JavaScript bundle" },
});
