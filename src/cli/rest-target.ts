/**
 * Where the CLI finds a cluster's REST endpoint and how it authenticates: `--target http://host:port`
 * or rest.address / rest.port from the configuration; the bearer token from `-D rest.auth.token=…`
 * or the SLUICE_REST_TOKEN environment variable (which keeps it out of the process list); the CA of
 * a TLS endpoint from security.ssl.rest.ca (a PEM file). With `high-availability.type: zookeeper`
 * and no --target, the leading JobManager's REST address is looked up in ZooKeeper (every
 * JobManager serves REST and a standby forwards to the leader, so any of them would do as --target).
 */
import { readFileSync } from "node:fs";
import type { Configuration } from "../config/configuration.js";
import { readOption } from "../config/config-option.js";
import { RestOptions } from "../rest/rest-options.js";
import { RestClusterClient } from "../client/rest-cluster-client.js";
import { CliError } from "./cli-error.js";
import { createHighAvailabilityServices } from "../cluster/ha/create-ha-services.js";
import { parseHaConfig } from "../cluster/ha/config.js";
import { LeaderComponents } from "../cluster/ha/interface.js";
import { LeaderTracker } from "../cluster/leadership/leader-tracker.js";

export function restAddress(target: string | undefined, config: Configuration): string {
  if (target && target !== "local") {
    if (!/^https?:\/\//.test(target)) throw new CliError(`--target ${target}: give the cluster's REST address, e.g. http://localhost:8081`);
    return target;
  }
  const tls = readOption(config, RestOptions.SSL_ENABLED);
  let host = readOption(config, RestOptions.ADDRESS) || "127.0.0.1";
  // A wildcard bind address is not something to connect to.
  if (host === "0.0.0.0" || host === "::") host = "127.0.0.1";
  if (host.includes(":") && !host.startsWith("[")) host = `[${host}]`;
  return `${tls ? "https" : "http"}://${host}:${readOption(config, RestOptions.PORT)}`;
}

/** The leader's REST address from the HA services; undefined without HA. */
export async function leaderRestAddress(config: Configuration): Promise<string | undefined> {
  let ha;
  try {
    if (parseHaConfig(config).type === "none") return undefined;
    ha = await createHighAvailabilityServices(config);
  } catch (e) {
    throw new CliError(`cannot reach the HA services to find the leading JobManager: ${(e as Error).message}`);
  }
  try {
    const tracker = await LeaderTracker.start(LeaderComponents.REST_SERVER, ha.leaderRetrieval(LeaderComponents.REST_SERVER));
    try {
      return (await tracker.waitForLeader(parseHaConfig(config).connectionTimeoutMs)).address;
    } finally {
      await tracker.close();
    }
  } catch (e) {
    throw new CliError(`no leading JobManager found through ${ha.type}: ${(e as Error).message}`);
  } finally {
    await ha.close();
  }
}

export async function restClient(target: string | undefined, config: Configuration): Promise<RestClusterClient> {
  const caFile = readOption(config, RestOptions.SSL_CA);
  let ca: string | undefined;
  if (caFile) {
    try {
      ca = readFileSync(caFile, "utf8");
    } catch (e) {
      throw new CliError(`cannot read ${RestOptions.SSL_CA.key} (${caFile}): ${(e as Error).message}`);
    }
  }
  const leader = target && target !== "local" ? undefined : await leaderRestAddress(config);
  return new RestClusterClient({
    baseUrl: leader ?? restAddress(target, config),
    token: readOption(config, RestOptions.AUTH_TOKEN) || process.env.SLUICE_REST_TOKEN || undefined,
    ca,
  });
}

const JOB_ID = /^[0-9a-f]{32}$/;

export function checkJobId(id: string): string {
  if (!JOB_ID.test(id)) throw new CliError(`"${id}" is not a job id (32 hexadecimal characters, as \`sluice list\` shows)`);
  return id;
}
