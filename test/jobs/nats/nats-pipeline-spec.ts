/**
 * What test/jobs/nats/nats-pipeline.ts runs and the reference it must produce. Shared by the job
 * (bundled) and the tests (compiled), so it imports nothing at run time.
 */
export interface NatsPipelineSpec {
  servers: string;
  /** The sink's server, when it is another one than the source's. */
  sinkServers?: string;
  user?: string;
  password?: string;
  /** Input stream; records `{ key, seq }` as JSON on `<source>.k<key % subjects>`. */
  source: string;
  /** Output stream; lines `key,seq,total` on `<target>.totals`. */
  target: string;
  parallelism: number;
  checkpointIntervalMs: number;
  bounded?: boolean;
  discoveryIntervalMs?: number;
  /** Budget of the connector's connect retries (ms). */
  connectRetryTimeoutMs?: number;
  /** Acknowledge durable consumers `<prefix>_…` on checkpoint completion. */
  durableConsumer?: string;
  restartAttempts: number;
  restartDelayMs: number;
}

export interface InputRecord {
  key: number;
  seq: number;
}

/** The subject an input record goes to: all records of a key on one subject, so in order. */
export function inputSubject(source: string, key: number, subjects: number): string {
  return `${source}.k${key % subjects}`;
}

export function outputLine(key: number, seq: number, total: number): string {
  return `${key},${seq},${total}`;
}

/** The output lines (sorted) of a run over these inputs: one per record, total = sum of the key's seqs so far. */
export function referenceLines(inputs: readonly InputRecord[]): string[] {
  const totals = new Map<number, number>();
  const lines: string[] = [];
  for (const { key, seq } of inputs) {
    const total = (totals.get(key) ?? 0) + seq;
    totals.set(key, total);
    lines.push(outputLine(key, seq, total));
  }
  return lines.sort();
}

/** Records of `keys` keys from sequence `from` to `to` (exclusive), interleaved by sequence. */
export function inputRecords(keys: readonly number[], from: number, to: number): InputRecord[] {
  const out: InputRecord[] = [];
  for (let seq = from; seq < to; seq++) for (const key of keys) out.push({ key, seq });
  return out;
}
