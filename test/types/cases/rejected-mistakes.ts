/**
 * Mistakes the types must reject (issue 20 item 11). Every `@ts-expect-error` marks a line that
 * must not compile: if a change to the API lets one through, tsc reports the directive as unused
 * and the type suite (test/types/type-suite.test.ts) fails. Keep each marked line to one mistake.
 */
import {
  TumblingEventTimeWindows,
  ValueStateDescriptor,
  defineJob,
  type AggregateFunction,
  type Collector,
  type Sink,
  type SinkWriter,
  type StreamingRuntimeContext,
  type ValueState,
  type KeyedProcessFunction,
  type KeyedProcessContext,
} from "sluice";

interface Reading {
  sensor: string;
  celsius: number;
  note: string;
}
interface Richer {
  sensor: string;
  celsius: number;
  site: string;
}

declare const richerSink: Sink<Richer>;
declare const richWriter: SinkWriter<Richer>;

/** A class implements the function-typed members as methods, as Flink users write them. */
class MaxTracker implements KeyedProcessFunction<string, Reading, number> {
  private state!: ValueState<number>;
  open(ctx: StreamingRuntimeContext): void {
    this.state = ctx.getState(new ValueStateDescriptor<number>("max", 0));
  }
  processElement(r: Reading, _ctx: KeyedProcessContext<string>, out: Collector<number>): void {
    // @ts-expect-error a ValueState<number> holds numbers
    this.state.update("x");
    out.collect(r.celsius);
  }
}

export default defineJob((env) => {
  const readings = env.fromData<Reading>({ sensor: "a", celsius: 20, note: "" });

  // 1. A key selector must return a string, number or similar key, not an object.
  // @ts-expect-error an object is not a Key
  readings.keyBy((r) => ({ sensor: r.sensor }));

  const keyed = readings.keyBy((r) => r.sensor);
  // 2. sum/min/max/minBy/maxBy need a numeric field.
  // @ts-expect-error "note" holds strings
  keyed.sum("note");
  // @ts-expect-error on windows too
  keyed.window(TumblingEventTimeWindows.of(1000)).max("note");
  // @ts-expect-error a field that does not exist
  keyed.minBy("kelvin");

  // 3. sum() without a field only on a stream of numbers.
  // @ts-expect-error a stream of objects must name the field
  keyed.sum();
  // @ts-expect-error on windows too
  readings.windowAll(TumblingEventTimeWindows.of(1000)).sum();

  // 4. A collector of the wrong type.
  readings.process({
    processElement: (r: Reading, _ctx, out: Collector<string>) => {
      // @ts-expect-error the function emits strings
      out.collect(r.celsius);
    },
  });
  const numbers: Collector<number> = { collect: () => {} };
  // @ts-expect-error a Collector<number> is not a Collector<number | string>
  const wider: Collector<number | string> = numbers;
  void wider;

  // 5. Accumulator types that don't line up.
  const mean: AggregateFunction<Reading, { sum: number; n: number }, number> = {
    createAccumulator: () => ({ sum: 0, n: 0 }),
    add: (r, acc) => ({ sum: acc.sum + r.celsius, n: acc.n + 1 }),
    getResult: (acc) => acc.sum / acc.n,
    // @ts-expect-error merge must return the accumulator type
    merge: (a, b) => a.sum + b.sum,
  };
  void mean;

  // 6. State of the wrong type (see MaxTracker below).
  keyed.process(new MaxTracker());

  // 7. A map that drops a field cannot feed a sink of the richer type.
  const thinner = readings.map((r) => ({ sensor: r.sensor, celsius: r.celsius }));
  // @ts-expect-error `site` is missing from the stream's records
  thinner.sinkTo(richerSink);
  // (write is a function-typed property, checked contravariantly: a writer that needs `site`
  // cannot take records without it.)
  // @ts-expect-error a SinkWriter<Richer> is not a SinkWriter<{ sensor: string }>
  const thinWriter: SinkWriter<{ sensor: string }> = richWriter;
  void thinWriter;

  // 8. process({...}) without a type argument or an annotated collector does not widen to unknown.
  // @ts-expect-error what the function emits is not declared, so nothing may be emitted
  readings.process({ processElement: (r, _ctx, out) => out.collect(r.sensor) });
  // @ts-expect-error the same on keyed streams
  keyed.process({ processElement: (r, _ctx, out) => out.collect(r.celsius) });

  // 9. collectAsync() keeps the record type: a reading's field is not a string.
  void readings.collectAsync().next().then((r) => {
    if (r.done) return;
    // @ts-expect-error celsius is a number
    const label: string = r.value.celsius;
    void label;
  });
});
