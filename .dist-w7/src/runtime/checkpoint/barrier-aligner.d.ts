/**
 * Checkpoint barriers in a task with inputs (Flink's CheckpointBarrierHandler). Exactly-once:
 * a channel whose barrier has arrived is blocked until the barrier has arrived on every channel,
 * so the snapshot reflects exactly the records before the barrier. At-least-once: nothing is
 * blocked; the snapshot is taken when the last barrier arrives.
 */
import type { InputChannel, InputGate } from "../network/input-gate.js";
import type { CheckpointingMode } from "./checkpoint-metadata.js";
export interface Barrier {
    checkpointId: number;
    timestamp: number;
    savepoint: boolean;
    /** Folder of the checkpoint or savepoint, where each task writes its state. */
    dir: string;
}
export declare class BarrierAligner {
    private readonly gate;
    private readonly mode;
    /** Called once per checkpoint when all barriers are in; alignment time in ms. */
    private readonly onAligned;
    private pending;
    private readonly arrived;
    private alignmentStart;
    /** Highest checkpoint id this task has taken or given up. */
    private lastId;
    constructor(gate: InputGate, mode: CheckpointingMode, 
    /** Called once per checkpoint when all barriers are in; alignment time in ms. */
    onAligned: (barrier: Barrier, alignmentMs: number) => void);
    onBarrier(channel: InputChannel, barrier: Barrier): void;
    /** An ended channel will send no barrier: it no longer holds the alignment back. */
    onChannelEnded(): void;
    private checkComplete;
    private reset;
}
