/**
 * An exactly-once sink into a Redis stream, on the two-phase-commit base (docs/connectors.md, "Redis
 * Streams sink"; docs/architecture.md, principle 7):
 *
 *  - a transaction is one subtask's records between two checkpoint barriers; they are staged as they
 *    come, in batches (RPUSH), in a list of their own, `<prefix>:<txn id>`, listed in `<prefix>:index`;
 *  - pre-commit sends the rest and waits for Redis to have it all (durable as Redis's AOF is);
 *  - commit, once the checkpoint completed, runs one Lua script that XADDs every staged entry to the
 *    target stream and deletes the list (redis-commit-script.ts): all at once, and a repeated commit is
 *    a no-op;
 *  - recovery commits what the restored checkpoint lists and deletes every other staged transaction of
 *    the subtasks it owns.
 *
 * Transaction ids are `<subtask>-<attempt>-<start|c<checkpoint>>` as for the PostgreSQL sink, so they never
 * repeat within a job and a restarted subtask finds its leftovers in the index by prefix.
 */
import type { Redis } from "ioredis";
import type { RecoveryRequest, TransactionInfo, TwoPhaseCommitContext, TwoPhaseCommitSink, TwoPhaseCommitWriter } from "../../api/sink.js";
import { shortHash } from "../common/string-hash.js";
import type { Logger } from "../../util/logger.js";
import { COMMIT_SCRIPT } from "./redis-commit-script.js";
import { encodeStagedEntry } from "./staged-entry-codec.js";
import { connectorLogger, connectRedis, describeServer, type RedisConnectionOptions } from "./redis-connection.js";
import { RedisConnectorError, redisErrorText } from "./redis-errors.js";

/** Field → value of one entry; numbers are written as their decimal text. */
export type RedisStreamFields = Readonly<Record<string, string | number | Uint8Array>>;

export interface RedisStreamSinkOptions<T> {
  connection: RedisConnectionOptions;
  /** The target stream. */
  stream: string;
  /** The entry for a record. Default `{ data: JSON.stringify(value) }`. */
  toFields?: (value: T) => RedisStreamFields;
  /** Trim the stream to about this many entries on every append (XADD MAXLEN ~). Default: no trimming. */
  maxLen?: number;
  /**
   * Prefix of the staging keys; unique per sink. Default `sluice:txn:<job id>:<hash of the sink's uid>`.
   * Give a stable one to have a job resumed from a savepoint clean up what its predecessor staged.
   */
  transactionKeyPrefix?: string;
  /** Entries per RPUSH while staging. Default 1000. */
  entriesPerWrite?: number;
}

/** A transaction of the Redis Streams sink, by its id. */
export interface RedisStreamTransaction {
  id: string;
}

export class RedisStreamSink<T> implements TwoPhaseCommitSink<T, RedisStreamTransaction> {
  constructor(private readonly options: RedisStreamSinkOptions<T>) {
    if (!options.stream) throw new RedisConnectorError("redis-stream sink: no target stream; set options.stream");
    if (options.maxLen !== undefined && !(Number.isInteger(options.maxLen) && options.maxLen > 0)) {
      throw new RedisConnectorError(`redis-stream sink ${options.stream}: maxLen must be a positive integer, got ${options.maxLen}`);
    }
  }

  get description(): string {
    return `redis-stream sink ${this.options.stream}@${describeServer(this.options.connection)}`;
  }

  async createTransactionalWriter(ctx: TwoPhaseCommitContext): Promise<TwoPhaseCommitWriter<T, RedisStreamTransaction>> {
    const o = this.options;
    const prefix = o.transactionKeyPrefix ?? `sluice:txn:${ctx.jobId}:${shortHash(ctx.operatorUid)}`;
    const log = connectorLogger("redis-stream-sink");
    const writer = new RedisStreamSinkWriter<T>(o, prefix, ctx, this.description, log, (fields) => encodeStagedEntry(flatten(fields)));
    await writer.connect();
    return writer;
  }
}

/** At most this many RPUSH batches in flight per subtask before the task stops reading input. */
const MAX_WRITES_IN_FLIGHT = 4;

interface OpenTransaction {
  /** Encoded entries not yet sent. */
  entries: Buffer[];
  /** True once the transaction is in the index. */
  indexed: boolean;
  /** The transaction's writes, one after another. Never rejects: see `failure`. */
  work: Promise<void>;
  failure: unknown;
}

type CommitClient = Redis & { sluiceCommitTransaction(staging: string, target: string, index: string, txnId: string, maxLen: number): Promise<number> };

class RedisStreamSinkWriter<T> implements TwoPhaseCommitWriter<T, RedisStreamTransaction> {
  private client: CommitClient | undefined;
  private lost: unknown;
  private readonly open = new Map<string, OpenTransaction>();
  private inFlight = 0;
  private waiters: (() => void)[] = [];
  private readonly indexKey: string;
  private readonly toFields: (value: T) => RedisStreamFields;
  private readonly entriesPerWrite: number;

  constructor(
    private readonly options: RedisStreamSinkOptions<T>,
    private readonly prefix: string,
    private readonly ctx: TwoPhaseCommitContext,
    private readonly who: string,
    private readonly log: Logger,
    private readonly encode: (fields: RedisStreamFields) => Buffer,
  ) {
    this.indexKey = `${prefix}:index`;
    this.toFields = options.toFields ?? ((value) => ({ data: JSON.stringify(value) }));
    this.entriesPerWrite = options.entriesPerWrite ?? 1000;
  }

  async connect(): Promise<void> {
    const client = (await connectRedis(
      this.options.connection,
      this.who,
      this.log,
      (err) => (this.lost ??= err),
      this.ctx.reportConnectionRetry && ((err) => this.ctx.reportConnectionRetry!(err)),
    )) as CommitClient;
    client.defineCommand("sluiceCommitTransaction", { numberOfKeys: 3, lua: COMMIT_SCRIPT });
    const type = await client.type(this.options.stream);
    if (type !== "none" && type !== "stream") {
      client.disconnect();
      throw new RedisConnectorError(`${this.who}: key ${this.options.stream} is a ${type}, not a stream`);
    }
    this.client = client;
  }

  async recover({ toCommit, ownedSubtasks }: RecoveryRequest<RedisStreamTransaction>): Promise<void> {
    const keep = new Set<string>();
    for (const txn of toCommit) {
      await this.commit(txn);
      keep.add(txn.id);
    }
    const staged = await this.call("listing staged transactions", () => this.redis().smembers(this.indexKey));
    const owned = new Set(ownedSubtasks);
    for (const id of staged) {
      if (keep.has(id) || !owned.has(Number(id.slice(0, id.indexOf("-"))))) continue;
      await this.abort({ id });
    }
  }

  beginTransaction(info: TransactionInfo): RedisStreamTransaction {
    const after = info.afterCheckpoint === undefined ? "start" : `c${info.afterCheckpoint}`;
    const id = `${this.ctx.subtaskIndex}-${this.ctx.attemptNumber}-${after}`;
    this.open.set(id, { entries: [], indexed: false, work: Promise.resolve(), failure: undefined });
    return { id };
  }

  write(txn: RedisStreamTransaction, value: T): void {
    const t = this.openTransaction(txn.id);
    if (t.failure !== undefined) throw this.writeFailure(txn.id, t.failure);
    t.entries.push(this.encode(this.toFields(value)));
    if (t.entries.length >= this.entriesPerWrite) this.send(txn.id, t);
  }

  async preCommit(txn: RedisStreamTransaction): Promise<void> {
    const t = this.openTransaction(txn.id);
    if (t.entries.length > 0) this.send(txn.id, t);
    await t.work;
    this.open.delete(txn.id);
    if (t.failure !== undefined) throw this.writeFailure(txn.id, t.failure);
  }

  async commit(txn: RedisStreamTransaction): Promise<void> {
    const appended = await this.call(`committing transaction ${txn.id}`, () =>
      this.redis().sluiceCommitTransaction(this.stagingKey(txn.id), this.options.stream, this.indexKey, txn.id, this.options.maxLen ?? 0),
    );
    if (appended > 0) this.log.debug(`${this.who}: committed transaction ${txn.id} (${appended} entries)`);
  }

  async abort(txn: RedisStreamTransaction): Promise<void> {
    const t = this.open.get(txn.id);
    if (t) {
      this.open.delete(txn.id);
      await t.work;
    }
    await this.call(`aborting transaction ${txn.id}`, () => this.redis().multi().del(this.stagingKey(txn.id)).srem(this.indexKey, txn.id).exec());
  }

  /**
   * A command that fails because the connection dropped (before the client reported it lost) is
   * still the sink's failure: it names the sink and the step, and the task restarts from the checkpoint.
   */
  private async call<R>(step: string, command: () => Promise<R>): Promise<R> {
    try {
      return await command();
    } catch (cause) {
      if (cause instanceof RedisConnectorError) throw cause;
      throw new RedisConnectorError(`${this.who}: ${step} failed: ${redisErrorText(cause)}`, { cause });
    }
  }

  get isBackpressured(): boolean {
    return this.inFlight >= MAX_WRITES_IN_FLIGHT;
  }

  whenNotBackpressured(): Promise<void> {
    if (!this.isBackpressured) return Promise.resolve();
    return new Promise((resolve) => this.waiters.push(resolve));
  }

  async close(): Promise<void> {
    await Promise.allSettled([...this.open.values()].map((t) => t.work));
    this.open.clear();
    // Staged transactions stay: recovery decides their fate.
    this.client?.disconnect();
    this.client = undefined;
  }

  private stagingKey(id: string): string {
    return `${this.prefix}:${id}`;
  }

  private redis(): CommitClient {
    if (this.lost !== undefined) throw this.lost;
    if (!this.client) throw new RedisConnectorError(`${this.who}: not connected`);
    return this.client;
  }

  /** Queues an RPUSH of the buffered entries behind the transaction's earlier writes. */
  private send(id: string, t: OpenTransaction): void {
    const entries = t.entries;
    t.entries = [];
    this.inFlight++;
    t.work = t.work
      .then(async () => {
        if (t.failure !== undefined) return;
        const client = this.redis();
        const pipeline = client.pipeline();
        if (!t.indexed) pipeline.sadd(this.indexKey, id);
        pipeline.rpush(this.stagingKey(id), ...entries);
        const results = (await pipeline.exec()) ?? [];
        const failed = results.find(([err]) => err);
        if (failed) throw failed[0];
        t.indexed = true;
      })
      .catch((e: unknown) => {
        t.failure ??= e;
      })
      .finally(() => {
        this.inFlight--;
        if (!this.isBackpressured) for (const wake of this.waiters.splice(0)) wake();
      });
  }

  private writeFailure(id: string, cause: unknown): Error {
    if (cause instanceof RedisConnectorError) return cause;
    return new RedisConnectorError(`${this.who}: staging transaction ${id} failed: ${redisErrorText(cause)}`, { cause });
  }

  private openTransaction(id: string): OpenTransaction {
    const t = this.open.get(id);
    if (!t) throw new RedisConnectorError(`${this.who}: transaction ${id} is not open`);
    return t;
  }
}

/** `[field, value, field, value, …]` with values as strings or bytes (what XADD takes). */
function flatten(fields: RedisStreamFields): (string | Uint8Array)[] {
  const flat: (string | Uint8Array)[] = [];
  for (const name in fields) {
    const value = fields[name]!;
    flat.push(name, typeof value === "number" ? String(value) : value);
  }
  if (flat.length === 0) throw new RedisConnectorError("redis-stream sink: toFields returned an entry without fields (a stream entry needs at least one)");
  return flat;
}
