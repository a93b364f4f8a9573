/**
 * Click events from a NATS JetStream stream, counted per page and minute of event time, the counts
 * written exactly once to another stream (docs/connectors.md, "NATS JetStream").
 *
 * The source reads stream EVENTS (subjects `events.<region>`, one split per region, new regions found
 * while the job runs; watermarks per split, so a region read ahead does not make another's events
 * late); the sink publishes `{ page, windowStart, views }` to `counts.pages` of stream EVENT_COUNTS once
 * each checkpoint completes.
 *
 * Run (a nats-server with JetStream on 127.0.0.1:4222: `nats-server -js -sd /tmp/nats-store`):
 *   npx tsx examples/nats-events-setup.ts            # creates both streams, publishes 6000 events
 *   npx sluice run examples/nats-events.ts [nats://127.0.0.1:4222] [bounded]
 * With `bounded` the job reads what the stream holds when it starts, then finishes.
 */
import {
  NatsJetStreamSink,
  NatsJetStreamSource,
  NatsStartingPosition,
  OutputTag,
  Time,
  TumblingEventTimeWindows,
  WatermarkStrategy,
  defineJob,
  type AggregateFunction,
  type Collector,
  type DeadLetter,
  type ProcessWindowContext,
  type TimeWindow,
} from "sluice";

export interface ClickEvent {
  page: string;
  user: number;
  /** When the click happened (event time, ms). */
  time: number;
}

export interface PageCount {
  page: string;
  windowStart: string;
  views: number;
}

const PAGES = ["/", "/pricing", "/docs", "/blog", "/signup"];
const REGIONS = ["eu", "us", "ap"];
const START = Date.UTC(2024, 0, 1, 12, 0, 0);

/** Event number i, as examples/nats-events-setup.ts publishes it: about 10 a second, up to 10 s out of order. */
export function clickEvent(i: number): { subject: string; event: ClickEvent } {
  const event = { page: PAGES[(i * 31) % PAGES.length]!, user: (i * 2654435761) % 1000, time: START + i * 100 - ((i * 7919) % 10_000) };
  return { subject: `events.${REGIONS[i % REGIONS.length]}`, event };
}

const count: AggregateFunction<ClickEvent, number, number> = {
  createAccumulator: () => 0,
  add: (_e, n) => n + 1,
  getResult: (n) => n,
  merge: (a, b) => a + b,
};

function label(page: string, ctx: ProcessWindowContext<TimeWindow>, counts: readonly number[], out: Collector<PageCount>): void {
  out.collect({ page, windowStart: new Date(ctx.window().start).toISOString(), views: counts[0]! });
}

/** Messages that are not JSON events go here instead of failing the job. */
const badEvents = new OutputTag<DeadLetter>("bad-events");

export default defineJob((env, args) => {
  const servers = args.find((a) => a.startsWith("nats://")) ?? "nats://127.0.0.1:4222";
  env.setJobName("NATS page counts");
  env.enableCheckpointing(1000);
  let source = NatsJetStreamSource.builder<ClickEvent>()
    .setServers(servers)
    .setStream("EVENTS")
    .setSubjectFilter("events.*")
    .setStartingPosition(NatsStartingPosition.earliest())
    .setBadMessagePolicy({ sideOutput: badEvents });
  if (args.includes("bounded")) source = source.setBounded();
  const events = env.fromSource(
    source.build(),
    WatermarkStrategy.forBoundedOutOfOrderness<ClickEvent>(Time.seconds(10)).withTimestampAssigner((e) => e.time),
    "Click events",
  );
  events.getSideOutput(badEvents).print();
  events
    .keyBy((e) => e.page)
    .window(TumblingEventTimeWindows.of(Time.minutes(1)))
    .aggregate(count, label)
    .name("Views per page and minute")
    .sinkTo(new NatsJetStreamSink<PageCount>({ connection: { servers }, stream: "EVENT_COUNTS", subject: "counts.pages" }), "Page counts")
    .uid("page-counts");
});
