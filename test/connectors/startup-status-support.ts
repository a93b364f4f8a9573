/**
 * What REST shows of a connector whose server is down at start (docs/connectors.md, "Server down at
 * start"), shared by the Redis and NATS startup tests: the connector's subtasks INITIALIZING, and its
 * retried attempts as non-fatal entries of the exception history.
 */
import { waitFor } from "../support/wait.js";
import { call } from "../rest/support.js";

export interface VertexJson {
  name: string;
  status: string;
  tasks: Record<string, number>;
}

export interface ExceptionEntry {
  exceptionName: string;
  message: string;
  taskName: string | null;
  failureLabels: Record<string, string>;
}

/** Waits until the vertex named by `vertexName` has `subtasks` subtasks INITIALIZING; returns it as REST shows it. */
export async function waitForInitializing(restUrl: string, jobId: () => string, vertexName: RegExp, subtasks: number, what: string): Promise<VertexJson> {
  let vertex: VertexJson | undefined;
  await waitFor(
    async () => {
      if (!jobId()) return false;
      const job = (await call(restUrl, "GET", `/jobs/${jobId()}`)).json as { vertices?: VertexJson[] } | undefined;
      vertex = job?.vertices?.find((v) => vertexName.test(v.name));
      return vertex?.status === "INITIALIZING" && vertex.tasks.INITIALIZING === subtasks;
    },
    `the ${what}'s subtasks INITIALIZING`,
    30_000,
    100,
  );
  return vertex!;
}

/** Waits until the exception history holds two non-fatal entries whose message starts with `prefix`; returns them all. */
export async function waitForRetries(restUrl: string, jobId: string, prefix: string): Promise<ExceptionEntry[]> {
  let retries: ExceptionEntry[] = [];
  await waitFor(
    async () => {
      const answer = (await call(restUrl, "GET", `/jobs/${jobId}/exceptions`)).json as { exceptionHistory: { entries: ExceptionEntry[] } };
      retries = answer.exceptionHistory.entries.filter((e) => e.failureLabels["sluice.non-fatal"] === "true" && e.message.startsWith(prefix));
      return retries.length >= 2;
    },
    `two retried attempts (${prefix.trim()}) in the exception history`,
    30_000,
    100,
  );
  return retries;
}
