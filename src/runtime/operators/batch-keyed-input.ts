/**
 * Batch execution's keyed input (docs/architecture.md, "Batch execution mode"; Flink's sorted
 * inputs with BatchExecutionKeyedStateBackend and BatchExecutionInternalTimeService): a keyed
 * operator sees its input key by key. The records of its keyed inputs are held until every input
 * has ended, sorted by key and then by timestamp (arrival order on ties, across both inputs of a
 * two-input operator), and handed over one key at a time; after each key the operator's endOfKey()
 * fires that key's timers with the watermark at +∞ (back to −∞ for the next key) and the key's
 * state is dropped, so at most one key's state is live. A non-keyed input (the broadcast side of a
 * keyed broadcast process function) passes at once, so it is complete before the first key, as in
 * Flink. The watermarks and end-of-input calls the operator would have had come after the last key.
 */
import type { Key } from "../../api/functions.js";
import { toStateKey, type StateKey } from "../state/state-key.js";
import { KeyedDelegatingOperator } from "./delegating-operator.js";

interface HeldRecord {
  key: Key;
  order: StateKey;
  value: unknown;
  timestamp: number;
  input: number;
  seq: number;
}

type HeldControl = { kind: "watermark"; watermark: number; input: number } | { kind: "end-input"; input: number };

const TYPE_ORDER: Record<string, number> = { number: 0, bigint: 1, string: 2, boolean: 3 };

/** Keys in their natural order (numbers and bigints by value, strings by code unit, false before true); different types by type. */
export function compareKeys(a: StateKey, b: StateKey): number {
  const ta = typeof a;
  const tb = typeof b;
  if (ta !== tb) {
    const numeric = (ta === "number" || ta === "bigint") && (tb === "number" || tb === "bigint");
    if (!numeric) return TYPE_ORDER[ta]! - TYPE_ORDER[tb]!;
  }
  return a < b ? -1 : a > b ? 1 : 0;
}

export class BatchKeyedInputOperator extends KeyedDelegatingOperator {
  private held: HeldRecord[] = [];
  private readonly controls: HeldControl[] = [];
  private seq = 0;

  override processElement(value: unknown, timestamp: number, input: number): void {
    const selector = this.keys[input];
    if (!selector) {
      this.inner.processElement(value, timestamp, input);
      return;
    }
    const key = selector(value);
    this.held.push({ key, order: toStateKey(key), value, timestamp, input, seq: this.seq++ });
  }

  override processWatermark(watermark: number, input: number): void {
    this.controls.push({ kind: "watermark", watermark, input });
  }

  override endInput(input: number): void {
    this.controls.push({ kind: "end-input", input });
  }

  override async finish(): Promise<void> {
    this.processKeyByKey();
    for (const c of this.controls) {
      if (c.kind === "watermark") this.inner.processWatermark(c.watermark, c.input);
      else await this.inner.endInput(c.input);
    }
    await this.inner.finish();
  }

  private processKeyByKey(): void {
    const records = this.held;
    this.held = [];
    records.sort((a, b) => compareKeys(a.order, b.order) || a.timestamp - b.timestamp || a.seq - b.seq);
    let i = 0;
    while (i < records.length) {
      const first = records[i]!;
      let end = i;
      while (end < records.length && compareKeys(records[end]!.order, first.order) === 0) {
        const r = records[end++]!;
        this.inner.processElement(r.value, r.timestamp, r.input);
      }
      this.backend.setCurrentKey(first.key);
      this.inner.endOfKey();
      this.dropKeyState(first.key);
      i = end;
    }
  }

  /** The key is done: none of its state is needed again (Flink's BatchExecutionKeyedStateBackend keeps one key). */
  private dropKeyState(key: Key): void {
    const backend = this.backend;
    backend.setCurrentKey(key);
    const sk = backend.currentStateKey;
    for (const name of backend.tableNames()) backend.currentGroup(backend.table(name)).delete(sk);
  }
}
