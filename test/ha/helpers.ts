/** Test helpers for the HA tests: bounded waiting, a recording contender, a faulty TCP proxy. */
import { createConnection, createServer, type Server, type Socket } from "node:net";
import type { LeaderContender, LeaderElection, LeaderInformation, LeaderRetrieval } from "../../src/cluster/ha/interface.js";

/** Polls `condition` until it holds; fails with `message` at the deadline. Never waits unbounded. */
export async function waitFor(
  condition: () => boolean | Promise<boolean>,
  message: string,
  timeoutMs = 10_000,
  intervalMs = 20,
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    if (await condition()) return;
    if (Date.now() >= deadline) throw new Error(`timed out after ${timeoutMs} ms: ${message}`);
    await sleep(intervalMs);
  }
}

export function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

export type ContenderEvent = (
  | { type: "grant"; sessionId: string }
  | { type: "revoke" }
  | { type: "error"; error: Error }
) & { at: number };

/** A contender that confirms each grant with its address and records what happened. */
export class RecordingContender implements LeaderContender {
  readonly events: ContenderEvent[] = [];
  leaderSessionId: string | undefined;
  election: LeaderElection | undefined;

  constructor(
    readonly name: string,
    readonly address: string = `tcp://${name}:6123`,
  ) {}

  async join(election: LeaderElection): Promise<void> {
    this.election = election;
    await election.start(this);
  }

  grantLeadership(sessionId: string): void {
    this.leaderSessionId = sessionId;
    this.events.push({ type: "grant", sessionId, at: performance.now() });
    // As a real component does: take up the duties, then publish the address.
    this.election?.confirmLeadership(sessionId, this.address).catch((error: Error) => this.handleError(error));
  }

  revokeLeadership(): void {
    this.leaderSessionId = undefined;
    this.events.push({ type: "revoke", at: performance.now() });
  }

  handleError(error: Error): void {
    this.events.push({ type: "error", error, at: performance.now() });
  }

  get isLeader(): boolean {
    return this.leaderSessionId !== undefined;
  }

  get grants(): string[] {
    return this.events.flatMap((e) => (e.type === "grant" ? [e.sessionId] : []));
  }

  get errors(): Error[] {
    return this.events.flatMap((e) => (e.type === "error" ? [e.error] : []));
  }
}

/** Follows a retrieval and keeps every notification. */
export class RecordingListener {
  readonly seen: (LeaderInformation | null)[] = [];

  async follow(retrieval: LeaderRetrieval): Promise<void> {
    await retrieval.start((leader) => this.seen.push(leader));
  }

  get current(): LeaderInformation | null | undefined {
    return this.seen[this.seen.length - 1];
  }
}

/**
 * A TCP proxy in front of ZooKeeper for one client, to cut that client off alone:
 *  - "refuse":    drops the connections and refuses new ones (a crashed link: the client notices);
 *  - "blackhole": keeps the connections but forwards nothing (a partition: only timeouts notice).
 */
export class FaultyProxy {
  private server: Server | undefined;
  private readonly pairs = new Set<[Socket, Socket]>();
  private mode: "pass" | "refuse" | "blackhole" = "pass";
  port = 0;

  constructor(private readonly targetPort: number) {}

  get connectString(): string {
    return `127.0.0.1:${this.port}`;
  }

  async start(): Promise<void> {
    this.server = createServer((client) => this.accept(client));
    await new Promise<void>((resolve) => this.server!.listen(0, "127.0.0.1", resolve));
    const address = this.server.address();
    this.port = typeof address === "object" && address ? address.port : 0;
  }

  setMode(mode: "pass" | "refuse" | "blackhole"): void {
    // Connections that lost bytes (blackhole) or should die (refuse) are cut; new ones start clean.
    if (mode === "refuse" || (mode === "pass" && this.mode === "blackhole")) {
      for (const [a, b] of this.pairs) (a.destroy(), b.destroy());
    }
    this.mode = mode;
  }

  async stop(): Promise<void> {
    for (const [a, b] of this.pairs) (a.destroy(), b.destroy());
    await new Promise<void>((resolve) => (this.server ? this.server.close(() => resolve()) : resolve()));
  }

  private accept(client: Socket): void {
    if (this.mode === "refuse") {
      client.destroy();
      return;
    }
    const upstream = createConnection(this.targetPort, "127.0.0.1");
    const pair: [Socket, Socket] = [client, upstream];
    this.pairs.add(pair);
    const close = (): void => {
      this.pairs.delete(pair);
      client.destroy();
      upstream.destroy();
    };
    client.on("error", close).on("close", close);
    upstream.on("error", close).on("close", close);
    // Bytes are forwarded only while passing; a blackhole swallows them without closing anything.
    client.on("data", (chunk) => this.mode === "pass" && upstream.write(chunk));
    upstream.on("data", (chunk) => this.mode === "pass" && client.write(chunk));
  }
}
