/**
 * The built-in field aggregations (Flink's sum/min/max/minBy/maxBy), shared by KeyedStream's
 * rolling aggregations and the window aggregations, so both follow the same semantics
 * (docs/architecture.md, "Built-in aggregations"):
 *  - sum/min/max update one field and keep the other fields of the first record of the key (or
 *    window), as Flink's SumAggregator/ComparableAggregator do;
 *  - minBy/maxBy keep the whole record holding the extreme value; on ties the earlier record
 *    when `first` is true (the default), the later one otherwise.
 */

/** Fields of T that hold numbers (or tuple positions, for arrays); what sum/min/max can aggregate. */
export type NumericField<T> = T extends readonly unknown[]
  ? { [I in keyof T]: T[I] extends number ? I : never }[number] extends infer P
    ? P extends `${infer N extends number}`
      ? N
      : never
    : never
  : { [F in keyof T]-?: T[F] extends number ? F : never }[keyof T];

/**
 * The argument list of sum/min/max/minBy/maxBy: a stream of numbers aggregates the value itself
 * (no field); any other stream must name a numeric field — `sum()` on a stream of objects does
 * not compile.
 */
export type AggregationField<T> = [T] extends [number] ? [field?: undefined] : [field: NumericField<T>];

export type AggregationKind = "sum" | "min" | "max" | "minBy" | "maxBy";

/** The field as stored in the job graph's JSON config: null aggregates the value itself. */
export type AggregationFieldSpec = string | number | null;

export function aggregationFieldSpec(field: unknown): AggregationFieldSpec {
  if (field === undefined || field === null) return null;
  return typeof field === "number" ? field : String(field);
}

function read(value: unknown, field: AggregationFieldSpec): number {
  const v = field === null ? value : (value as Record<string | number, unknown>)?.[field];
  if (typeof v !== "number") {
    throw new TypeError(`aggregation field ${field ?? "(the value itself)"} is not a number in ${JSON.stringify(value)}: got ${String(v)}`);
  }
  return v;
}

function withField(record: unknown, field: AggregationFieldSpec, n: number): unknown {
  if (field === null) return n;
  const copy = Array.isArray(record) ? [...record] : { ...(record as object) };
  (copy as Record<string | number, unknown>)[field] = n;
  return copy;
}

/** A reduce function (accumulated, next) => accumulated implementing one aggregation. */
export function aggregationReducer(kind: AggregationKind, field: AggregationFieldSpec, first = true): (acc: unknown, value: unknown) => unknown {
  return (acc, value) => {
    const a = read(acc, field);
    const b = read(value, field);
    switch (kind) {
      case "sum":
        return withField(acc, field, a + b);
      case "min":
        return b < a ? withField(acc, field, b) : acc;
      case "max":
        return b > a ? withField(acc, field, b) : acc;
      case "minBy":
        return b < a || (!first && b === a) ? value : acc;
      case "maxBy":
        return b > a || (!first && b === a) ? value : acc;
    }
  };
}

/** Checks the first record too (a single-record key or window never reaches the reducer). */
export function checkAggregationInput(value: unknown, field: AggregationFieldSpec): void {
  read(value, field);
}
