export const COMPARISONS = {
    q4: { kind: "final-per-key", key: (r) => String(r.category) },
    q12: { kind: "count-per-key", key: (r) => String(r.bidder), count: (r) => r.bid_count },
    q18: { kind: "final-per-key", key: (r) => `${r.bidder}/${r.auction}` },
    q19: { kind: "final-per-key", key: (r) => String(r.auction) },
};
/** Sorted canonical JSON lines: equal arrays iff equal multisets. */
export function canonical(records) {
    return records.map((r) => JSON.stringify(r)).sort();
}
/** What a result list reduces to under the comparison (a sorted list of JSON lines). */
export function comparable(records, comparison = { kind: "multiset" }) {
    switch (comparison.kind) {
        case "multiset":
            return canonical(records);
        case "final-per-key": {
            const last = new Map();
            for (const r of records)
                last.set(comparison.key(r), r);
            return canonical([...last.values()]);
        }
        case "count-per-key": {
            const sums = new Map();
            for (const r of records)
                sums.set(comparison.key(r), (sums.get(comparison.key(r)) ?? 0) + comparison.count(r));
            return canonical([...sums]);
        }
    }
}
//# sourceMappingURL=compare.js.map