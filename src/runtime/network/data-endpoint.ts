/**
 * A worker's end of the data plane. Frames to tasks in this worker are delivered locally; frames
 * to other workers of the same TaskManager go over a direct MessagePort (ArrayBuffers are
 * transferred, not copied); frames to other TaskManagers are relayed through the TaskExecutor's
 * network connection. Frames for a channel whose task is not registered yet wait here.
 */
import type { MessagePort } from "node:worker_threads";
import type { DataFrame, WorkerKey } from "./frames.js";

export type FrameHandler = (frame: DataFrame) => void;

export class DataEndpoint {
  private readonly peers = new Map<WorkerKey, MessagePort>();
  private readonly consumers = new Map<string, FrameHandler>();
  private readonly producers = new Map<string, FrameHandler>();
  private readonly pendingForConsumers = new Map<string, DataFrame[]>();
  private readonly pendingForProducers = new Map<string, DataFrame[]>();

  constructor(
    readonly self: WorkerKey,
    /** Sends a frame to a worker of another TaskManager. */
    private readonly relay: (to: WorkerKey, frame: DataFrame) => void,
  ) {}

  addPeer(key: WorkerKey, port: MessagePort): void {
    this.peers.set(key, port);
    port.on("message", (frame: DataFrame) => this.deliver(frame));
  }

  send(to: WorkerKey, frame: DataFrame): void {
    if (to === this.self) {
      queueMicrotask(() => this.deliver(frame));
      return;
    }
    const port = this.peers.get(to);
    if (port) port.postMessage(frame, frame.t === "buffer" ? [frame.data] : []);
    else this.relay(to, frame);
  }

  /** Routes an incoming frame: data and events to the consuming task, credits to the producing one. */
  deliver(frame: DataFrame): void {
    const toProducer = frame.t === "credit";
    const handler = (toProducer ? this.producers : this.consumers).get(frame.ch);
    if (handler) {
      handler(frame);
      return;
    }
    const pending = toProducer ? this.pendingForProducers : this.pendingForConsumers;
    let q = pending.get(frame.ch);
    if (!q) pending.set(frame.ch, (q = []));
    q.push(frame);
  }

  registerConsumer(channel: string, handler: FrameHandler): void {
    this.register(this.consumers, this.pendingForConsumers, channel, handler);
  }

  registerProducer(channel: string, handler: FrameHandler): void {
    this.register(this.producers, this.pendingForProducers, channel, handler);
  }

  unregister(channel: string): void {
    this.consumers.delete(channel);
    this.producers.delete(channel);
    this.pendingForConsumers.delete(channel);
    this.pendingForProducers.delete(channel);
  }

  /** Drops frames of channels of other attempts (by attempt key, see channelId) that nobody will read. */
  dropPendingExcept(attemptKey: string): void {
    const prefix = `${attemptKey}/`;
    for (const m of [this.pendingForConsumers, this.pendingForProducers]) {
      for (const ch of m.keys()) if (!ch.startsWith(prefix)) m.delete(ch);
    }
  }

  private register(map: Map<string, FrameHandler>, pending: Map<string, DataFrame[]>, channel: string, handler: FrameHandler): void {
    map.set(channel, handler);
    const q = pending.get(channel);
    if (q) {
      pending.delete(channel);
      for (const f of q) handler(f);
    }
  }
}
