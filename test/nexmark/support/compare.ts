/**
 * How a query's output is compared with its reference. Results of parallel tasks interleave, so
 * most outputs are compared as multisets. Updating queries (an update per change, whose
 * intermediate values depend on the order in which parallel inputs meet) are compared by their
 * final value per key, as the reference's updating table would end.
 */
import type { Bid } from "../../../src/connectors/nexmark/index.js";

export type Comparison =
  | { kind: "multiset" }
  | { kind: "final-per-key"; key: (r: unknown) => string }
  /** q12: processing-time windows split counts unpredictably; their sums per bidder are fixed. */
  | { kind: "count-per-key"; key: (r: unknown) => string; count: (r: unknown) => number };

export const COMPARISONS: Record<string, Comparison> = {
  q4: { kind: "final-per-key", key: (r) => String((r as { category: number }).category) },
  q12: { kind: "count-per-key", key: (r) => String((r as { bidder: number }).bidder), count: (r) => (r as { bid_count: number }).bid_count },
  q18: { kind: "final-per-key", key: (r) => `${(r as Bid).bidder}/${(r as Bid).auction}` },
  q19: { kind: "final-per-key", key: (r) => String((r as { auction: number }).auction) },
};

/** Sorted canonical JSON lines: equal arrays iff equal multisets. */
export function canonical(records: readonly unknown[]): string[] {
  return records.map((r) => JSON.stringify(r)).sort();
}

/** What a result list reduces to under the comparison (a sorted list of JSON lines). */
export function comparable(records: readonly unknown[], comparison: Comparison = { kind: "multiset" }): string[] {
  switch (comparison.kind) {
    case "multiset":
      return canonical(records);
    case "final-per-key": {
      const last = new Map<string, unknown>();
      for (const r of records) last.set(comparison.key(r), r);
      return canonical([...last.values()]);
    }
    case "count-per-key": {
      const sums = new Map<string, number>();
      for (const r of records) sums.set(comparison.key(r), (sums.get(comparison.key(r)) ?? 0) + comparison.count(r));
      return canonical([...sums]);
    }
  }
}
