/**
 * Reads the change stream of the slot (docs/architecture.md, "PostgreSQL CDC"): pgoutput messages
 * become Debezium-shaped records, queued per transaction and emitted when its commit arrives (event
 * time = commit time). The position is the end LSN of the last transaction fully emitted, plus how
 * much of a partly emitted one; the slot's flushed LSN is confirmed only for positions of completed
 * checkpoints. Relation messages update the column lists as they come, so an added column shows up
 * in the next record without a restart.
 */
import pg from "pg";
import type { ChangeOp, ChangeRecord, StreamSplit } from "./change-record.js";
import { lsnFromString, lsnToString, parsePgOutput, type Relation, type TupleValue } from "./pgoutput.js";
import { ReplicationStream, openReplicationClient } from "./replication-connection.js";

interface Txn {
  endLsn: bigint;
  records: ChangeRecord<Record<string, unknown>>[];
}

/** Above this many queued records the socket is paused (backpressure to the server). */
const PAUSE_ABOVE = 20_000;
const RESUME_BELOW = 2_000;

export class ChangeStreamReader {
  private client: pg.Client | undefined;
  private stream: ReplicationStream | undefined;
  private readonly relations = new Map<number, Relation>();
  private open: { xid: number; commitTimeMs: number; lsn: bigint; records: ChangeRecord<Record<string, unknown>>[] } | undefined;
  private readonly ready: Txn[] = [];
  private queued = 0;
  private paused = false;
  /** Records of the head transaction already emitted. */
  private emittedInHead = 0;
  private lastEnd: bigint;
  private skip: { endLsn: bigint; emitted: number } | undefined;
  private readonly atCheckpoint = new Map<number, bigint>();
  failure: unknown;
  onData: () => void = () => undefined;

  constructor(
    split: StreamSplit,
    private readonly connection: string | pg.ClientConfig,
    private readonly slot: string,
    private readonly publication: string,
  ) {
    this.lastEnd = lsnFromString(split.lsn);
    if (split.partial) this.skip = { endLsn: lsnFromString(split.partial.endLsn), emitted: split.partial.emitted };
  }

  async start(): Promise<void> {
    const client = await openReplicationClient(this.connection);
    this.client = client;
    this.stream = new ReplicationStream(this.slot, this.publication, lsnToString(this.lastEnd), {
      onData: (data) => this.handle(data),
      onError: (err) => this.fail(err),
      onEnd: () => this.fail(new Error(`the replication stream of slot "${this.slot}" ended`)),
    });
    client.query(this.stream as never);
  }

  private fail(err: unknown): void {
    this.failure ??= err;
    this.onData();
  }

  private handle(data: Buffer): void {
    const m = parsePgOutput(data);
    switch (m.kind) {
      case "relation":
        this.relations.set(m.relation.oid, m.relation);
        return;
      case "begin":
        this.open = { xid: m.xid, commitTimeMs: m.commitTimeMs, lsn: m.finalLsn, records: [] };
        return;
      case "insert":
        return this.change(m.oid, "c", undefined, m.after);
      case "update":
        return this.change(m.oid, "u", m.before, m.after);
      case "delete":
        return this.change(m.oid, "d", m.before, undefined);
      case "commit": {
        const txn = this.open;
        this.open = undefined;
        if (!txn || m.endLsn <= this.lastEnd || txn.records.length === 0) return;
        if (this.skip && m.endLsn === this.skip.endLsn) txn.records.splice(0, this.skip.emitted);
        this.skip = undefined;
        this.ready.push({ endLsn: m.endLsn, records: txn.records });
        this.queued += txn.records.length;
        if (this.queued > PAUSE_ABOVE && !this.paused) this.pause(true);
        this.onData();
        return;
      }
      default:
        return;
    }
  }

  private change(oid: number, op: ChangeOp, before: TupleValue[] | undefined, after: TupleValue[] | undefined): void {
    const txn = this.open;
    const rel = this.relations.get(oid);
    if (!txn || !rel) return;
    txn.records.push({
      op,
      before: before ? toRow(rel, before) : null,
      after: after ? toRow(rel, after) : null,
      source: { lsn: lsnToString(txn.lsn), txId: txn.xid, schema: rel.schema, table: rel.table, ts_ms: txn.commitTimeMs, snapshot: false },
      ts_ms: Date.now(),
    });
  }

  private pause(on: boolean): void {
    const socket = (this.client as unknown as { connection: { stream: { pause(): void; resume(): void } } }).connection.stream;
    if (on) socket.pause();
    else socket.resume();
    this.paused = on;
  }

  get hasRecords(): boolean {
    return this.ready.length > 0;
  }

  /** The next record and its event time (the commit time). */
  next(): ChangeRecord<Record<string, unknown>> | undefined {
    const head = this.ready[0];
    if (!head) return undefined;
    const record = head.records[this.emittedInHead++]!;
    this.queued--;
    if (this.emittedInHead === head.records.length) {
      this.ready.shift();
      this.emittedInHead = 0;
      this.lastEnd = head.endLsn;
    }
    if (this.paused && this.queued < RESUME_BELOW) this.pause(false);
    return record;
  }

  position(checkpointId?: number): StreamSplit {
    if (checkpointId !== undefined) this.atCheckpoint.set(checkpointId, this.lastEnd);
    const head = this.ready[0];
    const split: StreamSplit = { kind: "stream", lsn: lsnToString(this.lastEnd) };
    if (head && this.emittedInHead > 0) split.partial = { endLsn: lsnToString(head.endLsn), emitted: this.emittedInHead };
    return split;
  }

  /** The checkpoint is complete: the slot may drop WAL up to the position recorded with it. */
  confirm(checkpointId: number): void {
    const lsn = this.atCheckpoint.get(checkpointId);
    if (lsn === undefined) return;
    for (const id of this.atCheckpoint.keys()) if (id <= checkpointId) this.atCheckpoint.delete(id);
    this.stream?.confirm(lsn);
  }

  async close(): Promise<void> {
    const c = this.client;
    this.client = undefined;
    await c?.end().catch(() => undefined);
  }
}

/** Column values in pgoutput's text form, parsed as node-postgres parses query results. */
function toRow(rel: Relation, values: TupleValue[]): Record<string, unknown> {
  const row: Record<string, unknown> = {};
  for (let i = 0; i < rel.columns.length && i < values.length; i++) {
    const v = values[i];
    if (v === undefined) continue; // unchanged TOAST value: not sent by the server
    const col = rel.columns[i]!;
    row[col.name] = v === null ? null : pg.types.getTypeParser(col.typeOid, "text")(v);
  }
  return row;
}
