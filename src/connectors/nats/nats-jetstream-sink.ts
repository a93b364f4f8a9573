/**
 * An exactly-once NATS JetStream sink on the two-phase-commit base (docs/connectors.md, "NATS JetStream",
 * "The sink"). JetStream has no transactions, so the sink combines a write-ahead log with JetStream's
 * publish deduplication:
 *
 *  - pre-commit: the transaction's messages go into the transaction handle, which the two-phase-commit
 *    operator stores in the checkpoint (Flink's write-ahead-log sink). Nothing is visible yet;
 *  - commit (the checkpoint completed): the messages are published with `Nats-Msg-Id` =
 *    `<transaction id>:<index>`, then a marker `<transaction id>` is put into a KV bucket;
 *  - a commit repeated after a failure (the restored checkpoint still lists the transaction) finds the
 *    marker and does nothing; if the first attempt died between its first publish and the marker, the
 *    repeated publishes carry the same ids and the stream drops them as duplicates — provided the retry
 *    comes within the stream's duplicate window. That is the one limit: the sink refuses a target
 *    stream whose `duplicate_window` is shorter than `minDuplicateWindowMs`, the bound it assumes on
 *    the time from a failed commit to its retry (failure detection + restart delay + recovery).
 *
 * Transaction ids carry a random part per writer, so they never repeat, not even after a JobManager
 * failover that restarts attempt numbers; the id is stored in the handle, so a resumed job commits a
 * savepoint's transactions under their original ids. Replays never need deduplication: what a failed
 * run had not committed was never published.
 */
import { randomBytes } from "node:crypto";
import type { JetStreamClient, KV, NatsConnection } from "nats";
import type { RecoveryRequest, TransactionInfo, TwoPhaseCommitContext, TwoPhaseCommitSink, TwoPhaseCommitWriter } from "../../api/sink.js";
import { connectNats, describeServers, streamInfo, type NatsConnectionOptions } from "./nats-connection.js";
import { NatsConfigurationError, NatsConnectorError, NatsStreamNotFoundError, natsErrorText } from "./nats-errors.js";
import { safeToken, subjectMatches } from "./subjects.js";
import { shortHash } from "../common/string-hash.js";

export interface NatsJetStreamSinkOptions<T> {
  connection: NatsConnectionOptions;
  /** The target stream; it must exist and capture the subjects written. */
  stream: string;
  /** The subject of every message, or a function of the record. */
  subject: string | ((value: T) => string);
  /** Record → payload. Default: JSON in UTF-8. */
  serializer?: (value: T) => Uint8Array | string;
  /**
   * The bound the guarantee assumes on the time between a commit that failed half-way and its retry
   * after recovery; the target stream's duplicate_window must be at least this. Default 120 000 ms
   * (JetStream's default window). Raise both if the job may take longer to recover (heartbeat
   * timeout + restart delay + time to restore).
   */
  minDuplicateWindowMs?: number;
  /** KV bucket of the commit markers; created (history 1) when missing. Default `sluice_nats_sink`. */
  commitMarkerBucket?: string;
  /** How long commit markers are kept: a savepoint older than this may be committed twice. Default 7 days. */
  commitMarkerTtlMs?: number;
  /** Publishes awaiting their acknowledgement at once during a commit. Default 512. */
  maxPublishesInFlight?: number;
}

/** A transaction: its id and its messages (stored in checkpoints until committed). */
export interface NatsTransaction {
  id: string;
  subjects: string[];
  payloads: Uint8Array[];
}

const DEFAULT_BUCKET = "sluice_nats_sink";
const NANOS_PER_MS = 1_000_000;

export class NatsJetStreamSink<T> implements TwoPhaseCommitSink<T, NatsTransaction> {
  constructor(private readonly options: NatsJetStreamSinkOptions<T>) {
    if (!options.stream) throw new NatsConfigurationError("nats-jetstream sink: a target stream is required");
    if (typeof options.subject === "string" && options.subject.length === 0) throw new NatsConfigurationError("nats-jetstream sink: the subject must not be empty");
  }

  async createTransactionalWriter(ctx: TwoPhaseCommitContext): Promise<TwoPhaseCommitWriter<T, NatsTransaction>> {
    const o = this.options;
    const who = `nats-jetstream sink ${o.stream}@${describeServers(o.connection)}`;
    const nc = await connectNats(o.connection, who, ctx.reportConnectionRetry && ((err) => ctx.reportConnectionRetry!(err)));
    try {
      const jsm = await nc.jetstreamManager();
      const info = await streamInfo(jsm, o.stream, who);
      const minWindowMs = o.minDuplicateWindowMs ?? 120_000;
      const windowMs = info.config.duplicate_window / NANOS_PER_MS;
      if (windowMs < minWindowMs) {
        throw new NatsConfigurationError(
          `${who}: the stream's duplicate_window is ${windowMs} ms, shorter than the ${minWindowMs} ms the exactly-once sink needs ` +
            `(minDuplicateWindowMs): a commit retried after a failure could then publish its messages twice. ` +
            `Raise the stream's duplicate window (nats stream edit ${o.stream} --dupe-window ${Math.ceil(minWindowMs / 1000)}s) or lower minDuplicateWindowMs if the job recovers faster`,
        );
      }
      if (typeof o.subject === "string" && !info.config.subjects.some((f) => subjectMatches(f, o.subject as string))) {
        throw new NatsStreamNotFoundError(`${who}: subject '${o.subject}' is not captured by stream '${o.stream}' (its subjects: ${info.config.subjects.join(", ")})`);
      }
      const js = nc.jetstream();
      const kv = await js.views.kv(o.commitMarkerBucket ?? DEFAULT_BUCKET, { history: 1, ttl: o.commitMarkerTtlMs ?? 7 * 24 * 3600_000 });
      const base = `${safeToken(ctx.jobId)}.${shortHash(ctx.operatorUid)}.${ctx.subtaskIndex}-${ctx.attemptNumber}-${randomBytes(4).toString("hex")}`;
      return new NatsJetStreamSinkWriter<T>(nc, js, kv, who, base, o);
    } catch (err) {
      await nc.close().catch(() => undefined);
      throw err;
    }
  }
}

const encoder = new TextEncoder();

class NatsJetStreamSinkWriter<T> implements TwoPhaseCommitWriter<T, NatsTransaction> {
  private readonly subjectOf: (value: T) => string;
  private readonly serialize: (value: T) => Uint8Array;
  private readonly maxInFlight: number;

  constructor(
    private readonly nc: NatsConnection,
    private readonly js: JetStreamClient,
    private readonly markers: KV,
    private readonly who: string,
    private readonly idBase: string,
    private readonly options: NatsJetStreamSinkOptions<T>,
  ) {
    const subject = options.subject;
    this.subjectOf = typeof subject === "string" ? () => subject : subject;
    const serializer = options.serializer;
    this.serialize = serializer
      ? (v) => {
          const out = serializer(v);
          return typeof out === "string" ? encoder.encode(out) : out;
        }
      : (v) => encoder.encode(JSON.stringify(v));
    this.maxInFlight = options.maxPublishesInFlight ?? 512;
  }

  async recover({ toCommit }: RecoveryRequest<NatsTransaction>): Promise<void> {
    // Nothing of an uncommitted transaction is visible, so there are no leftovers to abort.
    for (const txn of toCommit) await this.commit(txn);
  }

  beginTransaction(info: TransactionInfo): NatsTransaction {
    const after = info.afterCheckpoint === undefined ? "start" : `c${info.afterCheckpoint}`;
    return { id: `${this.idBase}-${after}`, subjects: [], payloads: [] };
  }

  write(txn: NatsTransaction, value: T): void {
    txn.subjects.push(this.subjectOf(value));
    txn.payloads.push(this.serialize(value));
  }

  preCommit(): void {
    // The messages are in the handle, which the checkpoint stores: that is the pre-commit.
  }

  async commit(txn: NatsTransaction): Promise<void> {
    if (txn.payloads.length === 0) return;
    const marker = markerKey(txn.id);
    try {
      if ((await this.markers.get(marker))?.operation === "PUT") return;
      const acks: Promise<unknown>[] = [];
      for (let i = 0; i < txn.payloads.length; i++) {
        if (acks.length >= this.maxInFlight) await acks.shift();
        const ack = this.js.publish(txn.subjects[i]!, txn.payloads[i]!, { msgID: `${txn.id}:${i}`, expect: { streamName: this.options.stream } });
        // Observed here so that a failure while an earlier ack is awaited is not an unhandled rejection.
        ack.catch(() => undefined);
        acks.push(ack);
      }
      await Promise.all(acks);
      await this.markers.put(marker, String(txn.payloads.length));
    } catch (err) {
      throw new NatsConnectorError(`${this.who}: committing transaction ${txn.id} (${txn.payloads.length} messages) failed: ${natsErrorText(err)}; it is retried from the checkpoint after recovery`, { cause: err });
    }
  }

  abort(): void {
    // An uncommitted transaction exists only in memory and in checkpoints: nothing to undo.
  }

  async close(): Promise<void> {
    await this.nc.close().catch(() => undefined);
  }
}

/** A KV key for a transaction id (KV keys allow letters, digits, `-`, `_`, `=`, `/` and dots). */
function markerKey(txnId: string): string {
  return `txn.${txnId.replace(/[^A-Za-z0-9_=.-]/g, "_")}`;
}
