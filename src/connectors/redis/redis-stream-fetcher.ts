/**
 * The I/O half of a Redis Streams reader (docs/connectors.md, "Redis Streams"): one connection per reader,
 * one loop that XREADs (or XREADGROUPs) every assigned stream in one call and hands the replies over
 * as batches. The reader emits them on the task's turn; the fetcher runs ahead of it by at most
 * `maxBufferedEntries`, so its fetch position is not the reader's position (the reader's is what it
 * emitted, and only that goes into checkpoints).
 *
 * Consumer-group mode, per stream: create the group at the start position if it does not exist; XACK
 * this consumer's pending entries up to the restored position (the checkpoint that covers them has
 * completed: we restored from it); re-read the rest of its pending entries (delivered after that
 * checkpoint, never acknowledged); then read new entries with `>`.
 */
import type { Redis } from "ioredis";
import type { Logger } from "../../util/logger.js";
import { connectRedis } from "./redis-connection.js";
import { RedisConnectorError, RedisStreamNotFoundError, redisErrorText } from "./redis-errors.js";
import type { ConsumerGroupSettings, RedisStreamSourceSettings } from "./redis-stream-options.js";
import { compareEntryIds } from "./stream-entry-id.js";

/** `[id, [field, value, field, value, …]]`; fields null for an entry deleted while it was pending. */
export type RawEntry = [Buffer, Buffer[] | null];

export interface FetchedBatch {
  readonly stream: string;
  readonly entries: RawEntry[];
  /** Bounded mode: nothing of this stream is left to read after these entries. */
  readonly last: boolean;
}

interface FetchPosition {
  stream: string;
  /** Exclusive: the next read returns entries after it. */
  from: string;
  endId: string | undefined;
  /** Consumer-group mode: setup → pending (this consumer's unacknowledged entries) → new (`>`). */
  phase: "setup" | "pending" | "new";
  groupStartId: string | undefined;
  done: boolean;
  /** Watermark alignment paused the split (SourceReader.pauseOrResumeSplits): not read until resumed. */
  paused: boolean;
}

const LAG_REFRESH_MS = 1_000;

export class RedisStreamFetcher {
  private client: Redis | undefined;
  private readonly positions = new Map<string, FetchPosition>();
  private closed = false;
  private wake: (() => void) | undefined;
  private readonly entriesAdded = new Map<string, number>();
  private readonly lengths = new Map<string, number>();
  private lagRefreshedAt = 0;
  private running: Promise<void> | undefined;
  private connecting: Promise<Redis> | undefined;

  constructor(
    private readonly settings: RedisStreamSourceSettings<unknown>,
    private readonly who: string,
    private readonly log: Logger,
    private readonly buffered: () => number,
    private readonly deliver: (batch: FetchedBatch) => void,
    private readonly fail: (err: unknown) => void,
    private readonly trackLag: boolean,
    private readonly onRetry?: (err: unknown) => void,
  ) {}

  /** Connects (once; retried with backoff while the server is down). The reader's start() waits for it. */
  connect(): Promise<Redis> {
    this.connecting ??= connectRedis(this.settings.connection, this.who, this.log, (lost) => {
      if (!this.closed) this.fail(lost);
    }, this.onRetry).then((client) => {
      // Closed while connecting: nothing will use it.
      if (this.closed) client.disconnect();
      return (this.client = client);
    });
    return this.connecting;
  }

  /** Starts reading `stream` after `from` (or, in group mode, from its pending entries after `from`). */
  add(stream: string, from: string, endId: string | undefined, groupStartId: string | undefined): void {
    this.positions.set(stream, {
      stream,
      from,
      endId,
      phase: this.settings.consumerGroup ? "setup" : "new",
      groupStartId,
      done: false,
      paused: false,
    });
    this.running ??= this.run();
    this.poke();
  }

  /**
   * Stops or restarts reading a stream (watermark alignment). A read already under way, or blocked on
   * other streams, finishes first: a paused stream's entries may still come once, a resumed one is
   * read from the next call (at most blockMs later).
   */
  setPaused(stream: string, paused: boolean): void {
    const p = this.positions.get(stream);
    if (!p) return;
    p.paused = paused;
    if (!paused) this.poke();
  }

  /** The reader has room again, or a stream was added. */
  poke(): void {
    const wake = this.wake;
    this.wake = undefined;
    wake?.();
  }

  /** `entries-added` and length of a stream at the last lag refresh (undefined before the first one). */
  streamCounters(stream: string): { entriesAdded: number; length: number } | undefined {
    const added = this.entriesAdded.get(stream);
    const length = this.lengths.get(stream);
    return added === undefined || length === undefined ? undefined : { entriesAdded: added, length };
  }

  /** XACK in the consumer group (after a checkpoint completed). */
  async ack(stream: string, ids: readonly string[]): Promise<void> {
    const group = this.settings.consumerGroup;
    if (!group || ids.length === 0) return;
    const client = this.client;
    if (!client) return; // not connected: the next restore acknowledges up to its position
    for (let i = 0; i < ids.length; i += 1000) await client.xack(stream, group.group, ...ids.slice(i, i + 1000));
  }

  async close(): Promise<void> {
    this.closed = true;
    this.poke();
    this.client?.disconnect();
    await this.running?.catch(() => undefined);
  }

  private async run(): Promise<void> {
    try {
      this.client = await this.connect();
      if (this.closed) return;
      while (!this.closed) {
        if (this.buffered() >= this.settings.maxBufferedEntries) {
          // The reader pokes when it has drained half; the timer is a safety net.
          await this.sleep(50);
          continue;
        }
        const active = [...this.positions.values()].filter((p) => !p.done && !p.paused);
        if (active.length === 0) {
          await this.sleep();
          continue;
        }
        if (this.trackLag && Date.now() - this.lagRefreshedAt >= LAG_REFRESH_MS) await this.refreshCounters(active);
        const group = this.settings.consumerGroup;
        if (group) await this.fetchGroup(this.client, group, active);
        else await this.fetchPlain(this.client, active);
      }
    } catch (err) {
      if (!this.closed) this.fail(this.explain(err));
    }
  }

  private async fetchPlain(client: Redis, active: FetchPosition[]): Promise<void> {
    const args: (string | number)[] = ["COUNT", this.settings.batchSize];
    if (!this.settings.bounded) args.push("BLOCK", this.settings.blockMs);
    args.push("STREAMS", ...active.map((p) => p.stream), ...active.map((p) => p.from));
    const reply = (await client.callBuffer("XREAD", ...args)) as [Buffer, RawEntry[]][] | null;
    this.accept(active, reply);
  }

  private async fetchGroup(client: Redis, group: ConsumerGroupSettings, active: FetchPosition[]): Promise<void> {
    for (const p of active) {
      if (p.phase === "setup") await this.setUpGroup(client, group, p);
    }
    // Pending entries first, one stream at a time (an explicit id never blocks).
    const pending = active.find((p) => p.phase === "pending");
    if (pending) {
      const reply = (await client.callBuffer(
        "XREADGROUP", "GROUP", group.group, group.consumer, "COUNT", this.settings.batchSize, "STREAMS", pending.stream, pending.from,
      )) as [Buffer, RawEntry[]][] | null;
      const entries = reply?.[0]?.[1] ?? [];
      if (entries.length === 0) pending.phase = "new";
      else this.deliverEntries(pending, entries);
      return;
    }
    const fresh = active.filter((p) => p.phase === "new");
    const reply = (await client.callBuffer(
      "XREADGROUP", "GROUP", group.group, group.consumer, "COUNT", this.settings.batchSize, "BLOCK", this.settings.blockMs,
      "STREAMS", ...fresh.map((p) => p.stream), ...fresh.map(() => ">"),
    )) as [Buffer, RawEntry[]][] | null;
    this.accept(fresh, reply);
  }

  private async setUpGroup(client: Redis, group: ConsumerGroupSettings, p: FetchPosition): Promise<void> {
    try {
      await client.xgroup("CREATE", p.stream, group.group, p.groupStartId ?? "0-0");
      this.log.info(`${this.who}: created consumer group ${group.group} on stream ${p.stream} at ${p.groupStartId ?? "0-0"}`);
    } catch (err) {
      if (/NOGROUP|no such key|requires the key to exist/i.test(redisErrorText(err))) {
        throw new RedisStreamNotFoundError(`${this.who}: stream ${p.stream} does not exist`, { cause: err });
      }
      if (!/BUSYGROUP/.test(redisErrorText(err))) throw err;
    }
    // Everything up to the restored position is covered by a completed checkpoint.
    for (;;) {
      const pending = (await client.xpending(p.stream, group.group, "-", p.from, 1000, group.consumer)) as [string, string, number, number][];
      const ids = pending.map((e) => e[0]).filter((id) => compareEntryIds(id, p.from) <= 0);
      if (ids.length === 0) break;
      await client.xack(p.stream, group.group, ...ids);
      if (pending.length < 1000) break;
    }
    p.phase = "pending";
  }

  private accept(active: FetchPosition[], reply: [Buffer, RawEntry[]][] | null): void {
    const seen = new Set<string>();
    for (const [name, entries] of reply ?? []) {
      const p = this.positions.get(name.toString());
      if (!p || p.done) continue;
      seen.add(p.stream);
      this.deliverEntries(p, entries);
    }
    // A non-blocking XREAD that returned nothing for a stream: a bounded split has been read to its end.
    if (this.settings.bounded) {
      for (const p of active) {
        if (!seen.has(p.stream) && !p.done) this.finish(p, []);
      }
    }
  }

  private deliverEntries(p: FetchPosition, entries: RawEntry[]): void {
    if (entries.length === 0) return;
    const endId = p.endId;
    // Only a batch whose last entry is past the end needs a search for the cut.
    if (endId !== undefined && compareEntryIds(entries[entries.length - 1]![0].toString(), endId) > 0) {
      const cut = entries.findIndex((e) => compareEntryIds(e[0].toString(), endId) > 0);
      if (cut >= 0) {
        this.finish(p, entries.slice(0, cut));
        return;
      }
    }
    p.from = entries[entries.length - 1]![0].toString();
    if (endId !== undefined && compareEntryIds(p.from, endId) >= 0) this.finish(p, entries);
    else this.deliver({ stream: p.stream, entries, last: false });
  }

  private finish(p: FetchPosition, entries: RawEntry[]): void {
    p.done = true;
    this.deliver({ stream: p.stream, entries, last: true });
  }

  private async refreshCounters(active: FetchPosition[]): Promise<void> {
    this.lagRefreshedAt = Date.now();
    const client = this.client!;
    const pipeline = client.pipeline();
    for (const p of active) pipeline.call("XINFO", "STREAM", p.stream);
    const replies = (await pipeline.exec()) ?? [];
    replies.forEach(([err, info], i) => {
      if (err || !Array.isArray(info)) return;
      const fields = info as unknown[];
      for (let k = 0; k + 1 < fields.length; k += 2) {
        if (fields[k] === "entries-added") this.entriesAdded.set(active[i]!.stream, Number(fields[k + 1]));
        if (fields[k] === "length") this.lengths.set(active[i]!.stream, Number(fields[k + 1]));
      }
    });
  }

  private explain(err: unknown): unknown {
    if (err instanceof RedisConnectorError) return err;
    const text = redisErrorText(err);
    if (/WRONGTYPE/.test(text)) {
      return new RedisConnectorError(`${this.who}: a key it reads is not a stream (${text}); streams: ${[...this.positions.keys()].join(", ")}`, { cause: err });
    }
    return new RedisConnectorError(`${this.who}: reading from Redis failed: ${text}`, { cause: err });
  }

  /** Until poke(), or at most `timeoutMs`. */
  private sleep(timeoutMs?: number): Promise<void> {
    return new Promise((resolve) => {
      const timer = timeoutMs === undefined ? undefined : setTimeout(() => this.poke(), timeoutMs);
      this.wake = () => {
        if (timer) clearTimeout(timer);
        resolve();
      };
    });
  }
}
