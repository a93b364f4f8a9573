/**
 * The Redis Streams source's split enumerator, in the JobMaster (docs/connectors.md, "Redis Streams"):
 * it turns streams into splits — the named ones, or every stream whose key matches the pattern, found
 * by SCAN at start and then every `discoveryIntervalMs` — and deals each to one reader, by a hash of the
 * stream's name over the parallelism (as Flink's Kafka enumerator deals partitions), so a restart deals
 * them the same way.
 *
 * Where a split starts: streams found by the first discovery start at the configured starting position;
 * streams found later were created while the job ran, so they start at their first entry (nothing of
 * them may be missed). In bounded mode a split ends at the stream's last entry at discovery, and the
 * readers are told there will be no more splits once the first discovery is dealt out.
 */
import type { Redis } from "ioredis";
import type { SplitEnumerator, SplitEnumeratorContext } from "../../api/source.js";
import type { Logger } from "../../util/logger.js";
import { stringHash32 } from "../common/string-hash.js";
import { connectRedis } from "./redis-connection.js";
import { RedisConnectorError, RedisStreamNotFoundError, redisErrorText } from "./redis-errors.js";
import type { RedisStreamSourceSettings, StartingPosition } from "./redis-stream-options.js";
import type { RedisStreamEnumeratorState, RedisStreamSplit } from "./redis-stream-split.js";
import { BEFORE_FIRST_ENTRY, positionBefore, positionBeforeTimestamp } from "./stream-entry-id.js";

const EARLIEST: StartingPosition = { kind: "earliest" };

export class RedisStreamEnumerator implements SplitEnumerator<RedisStreamSplit, RedisStreamEnumeratorState> {
  private readonly discovered: Set<string>;
  private pending: RedisStreamSplit[];
  private initialDiscoveryDone: boolean;
  private readonly noMoreSplitsSignalled = new Set<number>();
  private client: Redis | undefined;
  private closed = false;

  constructor(
    private readonly settings: RedisStreamSourceSettings<unknown>,
    private readonly ctx: SplitEnumeratorContext<RedisStreamSplit>,
    private readonly who: string,
    private readonly log: Logger,
    restored?: RedisStreamEnumeratorState,
  ) {
    this.discovered = new Set(restored?.discovered ?? []);
    this.pending = [...(restored?.pending ?? [])];
    this.initialDiscoveryDone = restored?.initialDiscoveryDone ?? false;
  }

  start(): void {
    const periodic = this.settings.pattern !== undefined && !this.settings.bounded;
    if (this.initialDiscoveryDone && !periodic) {
      this.assignPending();
      return;
    }
    this.ctx.callAsync(
      () => this.discover(),
      (splits, error) => this.onDiscovered(splits, error),
      0,
      periodic ? this.settings.discoveryIntervalMs : undefined,
    );
  }

  handleSplitRequest(subtaskIndex: number): void {
    this.assignPending(subtaskIndex);
  }

  addReader(subtaskIndex: number): void {
    this.assignPending(subtaskIndex);
  }

  addSplitsBack(splits: RedisStreamSplit[]): void {
    this.pending.push(...splits);
    this.assignPending();
  }

  snapshotState(): RedisStreamEnumeratorState {
    return { discovered: [...this.discovered], pending: this.pending.map((s) => ({ ...s })), initialDiscoveryDone: this.initialDiscoveryDone };
  }

  close(): void {
    this.closed = true;
    this.client?.disconnect();
    this.client = undefined;
  }

  /** The reader that owns a stream: stable for a given parallelism. */
  ownerOf(stream: string): number {
    return stringHash32(stream) % this.ctx.currentParallelism;
  }

  private onDiscovered(splits: RedisStreamSplit[] | undefined, error: unknown): void {
    if (this.closed) return;
    if (error !== undefined) {
      if (!this.initialDiscoveryDone) {
        this.ctx.failJob(error);
        return;
      }
      this.log.warn(`${this.who}: stream discovery failed, trying again in ${this.settings.discoveryIntervalMs} ms: ${redisErrorText(error)}`);
      return;
    }
    for (const split of splits ?? []) {
      if (this.discovered.has(split.stream)) continue;
      this.discovered.add(split.stream);
      this.pending.push(split);
      if (this.initialDiscoveryDone) this.log.info(`${this.who}: discovered stream ${split.stream}`);
    }
    this.initialDiscoveryDone = true;
    this.assignPending();
  }

  /** Hands pending splits to their registered owners; in bounded mode then says no more will come. */
  private assignPending(onlyFor?: number): void {
    const readers = this.ctx.registeredReaders();
    const assignment = new Map<number, RedisStreamSplit[]>();
    const stillPending: RedisStreamSplit[] = [];
    for (const split of this.pending) {
      const owner = this.ownerOf(split.stream);
      if (readers.has(owner) && (onlyFor === undefined || onlyFor === owner)) {
        const list = assignment.get(owner) ?? [];
        list.push(split);
        assignment.set(owner, list);
      } else {
        stillPending.push(split);
      }
    }
    this.pending = stillPending;
    if (assignment.size > 0) this.ctx.assignSplits(assignment);
    if (!this.settings.bounded || !this.initialDiscoveryDone) return;
    for (const subtask of readers.keys()) {
      if (this.noMoreSplitsSignalled.has(subtask) || this.pending.some((s) => this.ownerOf(s.stream) === subtask)) continue;
      this.noMoreSplitsSignalled.add(subtask);
      this.ctx.signalNoMoreSplits(subtask);
    }
  }

  /** Off the enumerator's turn: the streams not yet known, as splits. */
  private async discover(): Promise<RedisStreamSplit[]> {
    const client = await this.connection();
    const names = this.settings.pattern !== undefined ? await this.scan(client, this.settings.pattern) : await this.checkNamed(client);
    const fresh = names.filter((n) => !this.discovered.has(n)).sort();
    const position = this.initialDiscoveryDone ? EARLIEST : this.settings.startingPosition;
    const splits: RedisStreamSplit[] = [];
    for (const stream of fresh) splits.push(await this.makeSplit(client, stream, position));
    return splits;
  }

  private async checkNamed(client: Redis): Promise<string[]> {
    const pipeline = client.pipeline();
    for (const stream of this.settings.streams) pipeline.type(stream);
    const types = (await pipeline.exec()) ?? [];
    const missing: string[] = [];
    types.forEach(([err, type], i) => {
      const stream = this.settings.streams[i]!;
      if (err) throw err;
      if (type === "none") missing.push(stream);
      else if (type !== "stream") throw new RedisConnectorError(`${this.who}: key ${stream} is a ${String(type)}, not a stream`);
    });
    if (missing.length > 0) {
      throw new RedisStreamNotFoundError(
        `${this.who}: stream${missing.length > 1 ? "s" : ""} ${missing.join(", ")} do${missing.length > 1 ? "" : "es"} not exist in Redis; create ${missing.length > 1 ? "them" : "it"} (XADD, or XGROUP CREATE … MKSTREAM) or use a pattern`,
      );
    }
    return [...this.settings.streams];
  }

  private async scan(client: Redis, pattern: string): Promise<string[]> {
    const found = new Set<string>();
    let cursor = "0";
    do {
      const [next, keys] = await client.scan(cursor, "MATCH", pattern, "COUNT", 1000, "TYPE", "stream");
      for (const k of keys) found.add(k);
      cursor = next;
    } while (cursor !== "0");
    return [...found];
  }

  private async makeSplit(client: Redis, stream: string, position: StartingPosition): Promise<RedisStreamSplit> {
    const info = parseInfo((await client.call("XINFO", "STREAM", stream)) as unknown[]);
    const endId = this.settings.bounded ? info.lastGeneratedId : undefined;
    let lastId: string;
    let entriesRead: number | undefined;
    switch (position.kind) {
      case "earliest":
        lastId = BEFORE_FIRST_ENTRY;
        entriesRead = info.entriesAdded - info.length;
        break;
      case "latest":
        lastId = info.lastGeneratedId;
        entriesRead = info.entriesAdded;
        break;
      case "entry-id":
        lastId = positionBefore(position.id);
        break;
      case "timestamp":
        lastId = positionBeforeTimestamp(position.timestampMs);
        break;
    }
    if (this.settings.consumerGroup) return { stream, lastId: BEFORE_FIRST_ENTRY, groupStartId: lastId, ...(endId ? { endId } : {}) };
    return { stream, lastId, ...(endId ? { endId } : {}), ...(entriesRead !== undefined ? { entriesRead } : {}) };
  }

  private async connection(): Promise<Redis> {
    if (this.client) return this.client;
    const client = await connectRedis(this.settings.connection, this.who, this.log, () => {
      if (this.client === client) this.client = undefined;
    });
    if (this.closed) {
      client.disconnect();
      throw new RedisConnectorError(`${this.who}: the enumerator was closed`);
    }
    this.client = client;
    return client;
  }
}

function parseInfo(fields: unknown[]): { length: number; lastGeneratedId: string; entriesAdded: number } {
  const get = (name: string): unknown => {
    for (let i = 0; i + 1 < fields.length; i += 2) if (fields[i] === name) return fields[i + 1];
    return undefined;
  };
  return {
    length: Number(get("length") ?? 0),
    lastGeneratedId: String(get("last-generated-id") ?? BEFORE_FIRST_ENTRY),
    entriesAdded: Number(get("entries-added") ?? 0),
  };
}
