/**
 * The small part of PostgreSQL's streaming-replication protocol a CDC reader needs
 * (docs/architecture.md, "PostgreSQL CDC"): the CopyBoth frames of a logical replication stream
 * (XLogData 'w', primary keepalive 'k', the client's Standby Status Update 'r') and the pgoutput
 * plugin's messages (protocol version 1: Begin, Commit, Relation, Insert, Update, Delete, Truncate).
 * LSNs are bigints here and "X/Y" strings in checkpoints and records, PostgreSQL's own notation.
 */

/** Microseconds between the Unix epoch and PostgreSQL's epoch (2000-01-01). */
const PG_EPOCH_MICROS = 946_684_800_000_000n;

export function lsnToString(lsn: bigint): string {
  return `${(lsn >> 32n).toString(16).toUpperCase()}/${(lsn & 0xffffffffn).toString(16).toUpperCase()}`;
}

export function lsnFromString(text: string): bigint {
  const m = /^([0-9A-Fa-f]{1,8})\/([0-9A-Fa-f]{1,8})$/.exec(text);
  if (!m) throw new Error(`not a PostgreSQL LSN (X/Y in hex): ${JSON.stringify(text)}`);
  return (BigInt(`0x${m[1]}`) << 32n) | BigInt(`0x${m[2]}`);
}

/** A PostgreSQL timestamp (µs since 2000-01-01) as Unix milliseconds. */
export function pgTimeToMillis(micros: bigint): number {
  return Number((micros + PG_EPOCH_MICROS) / 1000n);
}

export function millisToPgTime(ms: number): bigint {
  return BigInt(Math.floor(ms)) * 1000n - PG_EPOCH_MICROS;
}

export type StreamFrame =
  | { kind: "xlog"; walStart: bigint; walEnd: bigint; data: Buffer }
  | { kind: "keepalive"; walEnd: bigint; replyRequested: boolean };

export function parseFrame(chunk: Buffer): StreamFrame | undefined {
  switch (chunk[0]) {
    case 0x77: // 'w'
      return { kind: "xlog", walStart: chunk.readBigUInt64BE(1), walEnd: chunk.readBigUInt64BE(9), data: chunk.subarray(25) };
    case 0x6b: // 'k'
      return { kind: "keepalive", walEnd: chunk.readBigUInt64BE(1), replyRequested: chunk[17] === 1 };
    default:
      return undefined;
  }
}

/** Standby Status Update: what the client has written, flushed and applied. Flushed is what the slot confirms. */
export function standbyStatusUpdate(flushed: bigint, nowMs: number, replyRequested = false): Buffer {
  const b = Buffer.alloc(34);
  b[0] = 0x72; // 'r'
  b.writeBigUInt64BE(flushed, 1);
  b.writeBigUInt64BE(flushed, 9);
  b.writeBigUInt64BE(flushed, 17);
  b.writeBigInt64BE(millisToPgTime(nowMs), 25);
  b[33] = replyRequested ? 1 : 0;
  return b;
}

export interface RelationColumn {
  name: string;
  typeOid: number;
  /** Part of the replica identity (the primary key by default). */
  isKey: boolean;
}

export interface Relation {
  oid: number;
  schema: string;
  table: string;
  columns: RelationColumn[];
}

/** A column value as pgoutput sends it: null, unchanged TOAST (not sent), or the text form. */
export type TupleValue = null | undefined | string;

export type PgOutputMessage =
  | { kind: "begin"; finalLsn: bigint; commitTimeMs: number; xid: number }
  | { kind: "commit"; commitLsn: bigint; endLsn: bigint; commitTimeMs: number }
  | { kind: "relation"; relation: Relation }
  | { kind: "insert"; oid: number; after: TupleValue[] }
  | { kind: "update"; oid: number; before: TupleValue[] | undefined; after: TupleValue[] }
  | { kind: "delete"; oid: number; before: TupleValue[] }
  | { kind: "truncate"; oids: number[] }
  | { kind: "other"; tag: string };

class Reader {
  private pos = 0;
  constructor(private readonly b: Buffer) {}
  byte(): number {
    return this.b[this.pos++]!;
  }
  int16(): number {
    const v = this.b.readInt16BE(this.pos);
    this.pos += 2;
    return v;
  }
  int32(): number {
    const v = this.b.readInt32BE(this.pos);
    this.pos += 4;
    return v;
  }
  uint32(): number {
    const v = this.b.readUInt32BE(this.pos);
    this.pos += 4;
    return v;
  }
  int64(): bigint {
    const v = this.b.readBigInt64BE(this.pos);
    this.pos += 8;
    return v;
  }
  string(): string {
    const end = this.b.indexOf(0, this.pos);
    const s = this.b.toString("utf8", this.pos, end);
    this.pos = end + 1;
    return s;
  }
  tuple(): TupleValue[] {
    const n = this.int16();
    const values: TupleValue[] = new Array<TupleValue>(n);
    for (let i = 0; i < n; i++) {
      const kind = this.byte();
      if (kind === 0x6e /* n */) values[i] = null;
      else if (kind === 0x75 /* u */) values[i] = undefined;
      else {
        const len = this.int32();
        values[i] = this.b.toString("utf8", this.pos, this.pos + len);
        this.pos += len;
      }
    }
    return values;
  }
}

export function parsePgOutput(data: Buffer): PgOutputMessage {
  const r = new Reader(data);
  const tag = String.fromCharCode(r.byte());
  switch (tag) {
    case "B": {
      const finalLsn = r.int64();
      const commitTimeMs = pgTimeToMillis(r.int64());
      return { kind: "begin", finalLsn, commitTimeMs, xid: r.uint32() };
    }
    case "C": {
      r.byte(); // flags, unused
      const commitLsn = r.int64();
      const endLsn = r.int64();
      return { kind: "commit", commitLsn, endLsn, commitTimeMs: pgTimeToMillis(r.int64()) };
    }
    case "R": {
      const oid = r.uint32();
      const schema = r.string();
      const table = r.string();
      r.byte(); // replica identity setting
      const n = r.int16();
      const columns: RelationColumn[] = [];
      for (let i = 0; i < n; i++) {
        const flags = r.byte();
        const name = r.string();
        const typeOid = r.uint32();
        r.int32(); // type modifier
        columns.push({ name, typeOid, isKey: (flags & 1) === 1 });
      }
      return { kind: "relation", relation: { oid, schema, table, columns } };
    }
    case "I": {
      const oid = r.uint32();
      r.byte(); // 'N'
      return { kind: "insert", oid, after: r.tuple() };
    }
    case "U": {
      const oid = r.uint32();
      let marker = r.byte();
      let before: TupleValue[] | undefined;
      if (marker === 0x4b /* K */ || marker === 0x4f /* O */) {
        before = r.tuple();
        marker = r.byte();
      }
      return { kind: "update", oid, before, after: r.tuple() };
    }
    case "D": {
      const oid = r.uint32();
      r.byte(); // 'K' or 'O'
      return { kind: "delete", oid, before: r.tuple() };
    }
    case "T": {
      const n = r.int32();
      r.byte(); // options
      const oids: number[] = [];
      for (let i = 0; i < n; i++) oids.push(r.uint32());
      return { kind: "truncate", oids };
    }
    default:
      return { kind: "other", tag };
  }
}
