/**
 * A logical replication connection (docs/architecture.md, "PostgreSQL CDC"): node-postgres opens it
 * (`replication: "database"`) and runs its simple commands; START_REPLICATION switches the session
 * to CopyBoth mode, which node-postgres has no helper for, so `ReplicationStream` is a submittable
 * query that receives the CopyData frames and writes Standby Status Updates back.
 */
import pg from "pg";
import type { ClientConfig } from "pg";
import { sqlStateOf } from "../pg-errors.js";
import { quoteIdentifier } from "../sql-text.js";
import { lsnFromString, parseFrame, standbyStatusUpdate } from "./pgoutput.js";

import { PostgresCdcError } from "./cdc-errors.js";

export function clientConfig(connection: string | ClientConfig): ClientConfig {
  return typeof connection === "string" ? { connectionString: connection } : connection;
}

export async function openReplicationClient(connection: string | ClientConfig): Promise<pg.Client> {
  const client = new pg.Client({ ...clientConfig(connection), replication: "database" } as ClientConfig);
  client.on("error", () => undefined); // a broken connection surfaces as the failure of what uses it
  await client.connect();
  return client;
}

export interface CreatedSlot {
  consistentPoint: string;
  snapshotName: string;
}

/**
 * Creates the slot with an exported snapshot: the snapshot sees exactly the transactions committed
 * before the slot's consistent point, and the slot streams exactly those after it — the seam
 * between snapshot and stream. The snapshot stays importable while `client` is left idle.
 */
export async function createSlotWithSnapshot(client: pg.Client, slot: string): Promise<CreatedSlot> {
  try {
    const r = await client.query<{ consistent_point: string; snapshot_name: string }>(
      `CREATE_REPLICATION_SLOT ${quoteIdentifier(slot)} LOGICAL pgoutput EXPORT_SNAPSHOT`,
    );
    const row = r.rows[0]!;
    return { consistentPoint: row.consistent_point, snapshotName: row.snapshot_name };
  } catch (err) {
    if (sqlStateOf(err) === "42710") {
      throw new PostgresCdcError(
        `replication slot "${slot}" already exists but the job has no checkpoint that uses it: drop it (SELECT pg_drop_replication_slot('${slot}')) or set another slot name`,
        { cause: err },
      );
    }
    throw err;
  }
}

export interface ReplicationHandlers {
  /** pgoutput data of one XLogData frame. */
  onData(data: Buffer): void;
  onError(error: Error): void;
  onEnd(): void;
}

/** START_REPLICATION … LOGICAL, as a submittable query on a replication client. */
export class ReplicationStream {
  private connection: { sendCopyFromChunk(b: Buffer): void } | undefined;
  private flushed: bigint;
  private failed = false;

  constructor(
    private readonly slot: string,
    private readonly publication: string,
    private readonly startLsn: string,
    private readonly handlers: ReplicationHandlers,
  ) {
    // Nothing before the start is needed again; the server already has at least this as confirmed.
    this.flushed = lsnFromString(startLsn);
  }

  /** node-postgres: sends the query. */
  submit(connection: { query(text: string): void; sendCopyFromChunk(b: Buffer): void }): void {
    this.connection = connection;
    const pub = this.publication.replace(/'/g, "''");
    connection.query(
      `START_REPLICATION SLOT ${quoteIdentifier(this.slot)} LOGICAL ${this.startLsn} (proto_version '1', publication_names '${pub}')`,
    );
  }

  handleCopyData(msg: { chunk: Buffer }): void {
    const frame = parseFrame(msg.chunk);
    if (!frame) return;
    if (frame.kind === "xlog") this.handlers.onData(frame.data);
    // Answer with what the checkpoints made safe, never with what was merely received.
    else if (frame.replyRequested) this.sendStatus();
  }

  /** The last completed checkpoint covers everything up to `lsn`: the slot may release that WAL. */
  confirm(lsn: bigint): void {
    if (lsn > this.flushed) this.flushed = lsn;
    this.sendStatus();
  }

  private sendStatus(): void {
    if (this.failed) return;
    this.connection?.sendCopyFromChunk(standbyStatusUpdate(this.flushed, Date.now()));
  }

  handleError(err: Error): void {
    this.failed = true;
    if (sqlStateOf(err) === "42704") {
      this.handlers.onError(
        new PostgresCdcError(
          `replication slot "${this.slot}" does not exist (dropped?): the change stream since the last checkpoint is lost; restart the job without its state to take a new snapshot`,
          { cause: err },
        ),
      );
    } else this.handlers.onError(err);
  }

  handleReadyForQuery(): void {
    this.handlers.onEnd();
  }
  handleCommandComplete(): void {}
  handleRowDescription(): void {}
  handleDataRow(): void {}
  handleEmptyQuery(): void {}
  handlePortalSuspended(): void {}
  handleCopyInResponse(): void {}
}
