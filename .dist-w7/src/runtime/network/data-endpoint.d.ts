/**
 * A worker's end of the data plane. Frames to tasks in this worker are delivered locally; frames
 * to other workers of the same TaskManager go over a direct MessagePort (ArrayBuffers are
 * transferred, not copied); frames to other TaskManagers are relayed through the TaskExecutor's
 * network connection. Frames for a channel whose task is not registered yet wait here.
 */
import type { MessagePort } from "node:worker_threads";
import type { DataFrame, WorkerKey } from "./frames.js";
export type FrameHandler = (frame: DataFrame) => void;
export declare class DataEndpoint {
    readonly self: WorkerKey;
    /** Sends a frame to a worker of another TaskManager. */
    private readonly relay;
    private readonly peers;
    private readonly consumers;
    private readonly producers;
    private readonly pendingForConsumers;
    private readonly pendingForProducers;
    constructor(self: WorkerKey, 
    /** Sends a frame to a worker of another TaskManager. */
    relay: (to: WorkerKey, frame: DataFrame) => void);
    addPeer(key: WorkerKey, port: MessagePort): void;
    send(to: WorkerKey, frame: DataFrame): void;
    /** Routes an incoming frame: data and events to the consuming task, credits to the producing one. */
    deliver(frame: DataFrame): void;
    registerConsumer(channel: string, handler: FrameHandler): void;
    registerProducer(channel: string, handler: FrameHandler): void;
    unregister(channel: string): void;
    /** Drops frames of channels of older attempts that nobody will read. */
    dropPendingExcept(attempt: number): void;
    private register;
}
