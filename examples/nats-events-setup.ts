/**
 * Prepares a nats-server for examples/nats-events.ts: streams EVENTS (`events.*`) and EVENT_COUNTS
 * (`counts.*`), and `count` click events over three regions plus one message that is not JSON
 * (it goes to the job's dead-letter side output).
 * Run: npx tsx examples/nats-events-setup.ts [nats://127.0.0.1:4222] [count]
 */
import { connect } from "nats";
import { clickEvent } from "./nats-events.js";

const servers = process.argv[2] ?? "nats://127.0.0.1:4222";
const count = Number(process.argv[3] ?? 6000);

const nc = await connect({ servers });
const jsm = await nc.jetstreamManager();
for (const [name, subject] of [["EVENTS", "events.*"], ["EVENT_COUNTS", "counts.*"]] as const) {
  await jsm.streams.add({ name, subjects: [subject] }).catch(async () => jsm.streams.update(name, { subjects: [subject] }));
}
const js = nc.jetstream();
const acks: Promise<unknown>[] = [];
for (let i = 0; i < count; i++) {
  const { subject, event } = clickEvent(i);
  acks.push(js.publish(subject, JSON.stringify(event)));
}
acks.push(js.publish("events.eu", "this is not an event"));
await Promise.all(acks);
console.log(`published ${count + 1} messages to EVENTS on ${servers}`);
await nc.close();
