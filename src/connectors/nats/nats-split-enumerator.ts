/**
 * The NATS JetStream source's enumerator, in the JobMaster (docs/connectors.md, "NATS JetStream";
 * docs/architecture.md, "Sources and split enumerators"). At start it checks the stream, resolves the
 * starting position once (so every subject found later starts from the same place) and, when bounded,
 * the stream's last sequence; then it lists the stream's subjects matching the filter — at start and
 * every `discoveryIntervalMs` — or takes the configured partitions. Each split goes to the reader
 * `ownerOf(subject)`, as soon as that reader has registered.
 *
 * Its state is the subjects it knows, the splits not yet handed out and the resolved start: a
 * restore (failover, savepoint at another parallelism) neither re-reads nor skips a subject, because
 * the readers' restored splits carry the positions of the subjects handed out before.
 */
import type { DeliverPolicy, NatsConnection } from "nats";
import type { SplitEnumerator, SplitEnumeratorContext } from "../../api/source.js";
import { connectNats, streamInfo } from "./nats-connection.js";
import { sourceName, type NatsSourceConfig } from "./nats-source-config.js";
import { newSplit, ownerOf, type NatsSubjectSplit, type ResolvedStart } from "./nats-split.js";

export interface NatsEnumeratorState {
  /** Every subject (or partition) ever made a split. */
  known: string[];
  /** Splits whose owner has not registered yet (or that came back from a failed reader). */
  unassigned: NatsSubjectSplit[];
  /** Resolved at the first start; undefined until then. */
  start: ResolvedStart | undefined;
  /** Whether the subjects present at the first start have been listed (bounded mode lists only those). */
  initialDiscoveryDone: boolean;
}

export class NatsSplitEnumerator implements SplitEnumerator<NatsSubjectSplit, NatsEnumeratorState> {
  private readonly known: Set<string>;
  private unassigned: NatsSubjectSplit[];
  private resolvedStart: ResolvedStart | undefined;
  private nc: NatsConnection | undefined;
  private closed = false;
  private readonly who: string;
  /** Set once the subjects present at start are split (and, bounded, once no more will come). */
  private initialDiscoveryDone: boolean;

  constructor(
    private readonly config: NatsSourceConfig<unknown>,
    private readonly ctx: SplitEnumeratorContext<NatsSubjectSplit>,
    restored?: NatsEnumeratorState,
  ) {
    this.who = sourceName(config);
    this.known = new Set(restored?.known ?? []);
    this.unassigned = restored?.unassigned.map((s) => ({ ...s })) ?? [];
    this.resolvedStart = restored?.start;
    this.initialDiscoveryDone = restored?.initialDiscoveryDone ?? false;
  }

  async start(): Promise<void> {
    this.nc = await connectNats(this.config.connection, this.who);
    const jsm = await this.nc.jetstreamManager();
    const info = await streamInfo(jsm, this.config.stream, this.who);
    if (this.resolvedStart === undefined) this.resolvedStart = await this.resolveStart(info.state.last_seq);
    if (this.config.partitions) {
      this.addSubjects(this.config.partitions);
      this.initialDiscoveryDone = true;
      this.assignPending();
      return;
    }
    if (this.config.bounded && this.initialDiscoveryDone) {
      // Restored: the subjects present at the first start are all known; later ones hold nothing to read.
      this.assignPending();
      return;
    }
    const period = this.config.bounded ? undefined : this.config.discoveryIntervalMs;
    this.ctx.callAsync(
      () => this.listSubjects(),
      (subjects, error) => {
        if (error !== undefined) {
          this.ctx.failJob(error);
          return;
        }
        this.addSubjects(subjects ?? []);
        this.initialDiscoveryDone = true;
        this.assignPending();
      },
      0,
      period,
    );
  }

  handleSplitRequest(subtaskIndex: number): void {
    this.assignPending(subtaskIndex);
  }

  addSplitsBack(splits: NatsSubjectSplit[]): void {
    this.unassigned.push(...splits.map((s) => ({ ...s })));
    this.assignPending();
  }

  addReader(subtaskIndex: number): void {
    this.assignPending(subtaskIndex);
  }

  snapshotState(): NatsEnumeratorState {
    return {
      known: [...this.known],
      unassigned: this.unassigned.map((s) => ({ ...s })),
      start: this.resolvedStart && { ...this.resolvedStart },
      initialDiscoveryDone: this.initialDiscoveryDone,
    };
  }

  async close(): Promise<void> {
    this.closed = true;
    await this.nc?.close().catch(() => undefined);
  }

  private async resolveStart(lastSequence: number): Promise<ResolvedStart> {
    const p = this.config.startingPosition;
    const nextSequence =
      p.kind === "earliest"
        ? 1
        : p.kind === "latest"
          ? lastSequence + 1
          : p.kind === "sequence"
            ? p.sequence
            : await this.firstSequenceAtOrAfter(p.timestampMs, lastSequence);
    return this.config.bounded ? { nextSequence, stopSequence: lastSequence } : { nextSequence };
  }

  /** The sequence of the first message (under the filter) stored at or after `timestampMs`. */
  private async firstSequenceAtOrAfter(timestampMs: number, lastSequence: number): Promise<number> {
    const consumer = await this.nc!.jetstream().consumers.get(this.config.stream, {
      filterSubjects: this.config.subjectFilter,
      deliver_policy: "by_start_time" as DeliverPolicy,
      opt_start_time: new Date(timestampMs).toISOString(),
    });
    try {
      const first = await consumer.next({ expires: 1_000 });
      return first ? first.seq : lastSequence + 1;
    } finally {
      await consumer.delete().catch(() => undefined);
    }
  }

  private async listSubjects(): Promise<string[]> {
    if (this.closed || !this.nc) return [];
    const info = await streamInfo(await this.nc.jetstreamManager(), this.config.stream, this.who, this.config.subjectFilter);
    // Sorted, so that splits are created in the same order whatever the server's map order.
    return Object.keys(info.state.subjects ?? {}).sort();
  }

  private addSubjects(subjects: readonly string[]): void {
    for (const subject of subjects) {
      if (this.known.has(subject)) continue;
      this.known.add(subject);
      this.unassigned.push(newSplit(subject, this.resolvedStart!));
    }
  }

  /** Hands unassigned splits to their registered owners (only to `subtask`'s when given). */
  private assignPending(subtask?: number): void {
    const parallelism = this.ctx.currentParallelism;
    const readers = this.ctx.registeredReaders();
    const assignment = new Map<number, NatsSubjectSplit[]>();
    const left: NatsSubjectSplit[] = [];
    for (const split of this.unassigned) {
      const owner = ownerOf(split.subject, parallelism);
      if (readers.has(owner) && (subtask === undefined || owner === subtask)) {
        let list = assignment.get(owner);
        if (!list) assignment.set(owner, (list = []));
        list.push(split);
      } else left.push(split);
    }
    this.unassigned = left;
    if (assignment.size > 0) this.ctx.assignSplits(assignment);
    if (!this.config.bounded || !this.initialDiscoveryDone) return;
    // Bounded: a reader whose splits are all handed out gets no more.
    for (const reader of subtask === undefined ? readers.keys() : [subtask]) {
      if (!readers.has(reader)) continue;
      if (!this.unassigned.some((s) => ownerOf(s.subject, parallelism) === reader)) this.ctx.signalNoMoreSplits(reader);
    }
  }
}
