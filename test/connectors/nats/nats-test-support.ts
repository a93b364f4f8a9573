/** What the NATS connector tests share: a server per file, an admin connection, streams and reads. */
import { after, before } from "node:test";
import { connect, type JetStreamManager, type NatsConnection } from "nats";
import { startNats, type NatsServer, type StartNatsOptions } from "../../support/nats.js";

export interface NatsForTests {
  readonly server: NatsServer;
  readonly nc: NatsConnection;
  readonly jsm: JetStreamManager;
  /** A fresh stream capturing `<name>.>` with a 2-minute duplicate window. */
  createStream(name: string, options?: { duplicateWindowMs?: number }): Promise<string>;
  /** Publishes payloads (strings or objects as JSON) to a subject and waits for their acks. */
  publish(subject: string, payloads: readonly unknown[]): Promise<number[]>;
  /** Every message of a stream, in stream order, as text. */
  readAll(stream: string): Promise<{ subject: string; seq: number; data: string; msgId?: string }[]>;
}

/** Starts a server before the file's tests, stops it after them. */
export function useNats(options: StartNatsOptions = {}): NatsForTests {
  let server: NatsServer | undefined;
  let nc: NatsConnection | undefined;
  let jsm: JetStreamManager | undefined;
  before(async () => {
    server = await startNats(options);
    nc = await connect({ servers: server.url, user: options.user, pass: options.password });
    jsm = await nc.jetstreamManager();
  });
  after(async () => {
    await nc?.close().catch(() => undefined);
    await server?.stop();
  });
  const started = () => {
    if (!server || !nc || !jsm) throw new Error("NATS is started before the tests: use it inside a test");
    return { server, nc, jsm };
  };
  return {
    get server() {
      return started().server;
    },
    get nc() {
      return started().nc;
    },
    get jsm() {
      return started().jsm;
    },
    async createStream(name, o = {}) {
      await started().jsm.streams.add({ name, subjects: [`${name}.>`], duplicate_window: (o.duplicateWindowMs ?? 120_000) * 1_000_000 });
      return name;
    },
    async publish(subject, payloads) {
      const js = started().nc.jetstream();
      const seqs: number[] = [];
      for (const p of payloads) {
        const ack = await js.publish(subject, typeof p === "string" || p instanceof Uint8Array ? p : JSON.stringify(p));
        seqs.push(ack.seq);
      }
      return seqs;
    },
    async readAll(stream) {
      const { nc, jsm } = started();
      const info = await jsm.streams.info(stream);
      const out: { subject: string; seq: number; data: string; msgId?: string }[] = [];
      if (info.state.messages === 0) return out;
      const consumer = await nc.jetstream().consumers.get(stream, {});
      while (out.length < info.state.messages) {
        const m = await consumer.next({ expires: 5_000 });
        if (!m) throw new Error(`stream ${stream}: read ${out.length} of ${info.state.messages} messages`);
        out.push({ subject: m.subject, seq: m.seq, data: m.string(), msgId: m.headers?.get("Nats-Msg-Id") || undefined });
      }
      await consumer.delete().catch(() => undefined);
      return out;
    },
  };
}

let streamCounter = 0;
/** A stream name unique in the test file. */
export function streamName(prefix = "S"): string {
  return `${prefix}${++streamCounter}`;
}
