/**
 * Deterministic out-of-order event streams with late events, shared by the windowing job files
 * (which run them) and the tests (which compute the expected results with a plain reference).
 *
 * A watermark is carried by the event it precedes (`wm`): the source emits that watermark just
 * before the event, and pauses before it until everything emitted so far has left the task (see
 * epoch-source.ts), so every operator sees each event after exactly the watermarks before it,
 * whatever the parallelism: `watermarkAt(e)` is the same in the job and in the reference.
 */
export interface Ev {
    id: number;
    key: string;
    ts: number;
    v: number;
    /** Watermark emitted just before this event. */
    wm?: number;
    /** Which input of a two-input job the event belongs to. */
    side: "L" | "R";
    /** Set on the source's watermark markers only (see epoch-source.ts); never reaches the pipelines. */
    marker?: true;
}
export interface EventOptions {
    count: number;
    keys: number;
    /** Average event-time step between consecutive events. */
    step: number;
    /** Out-of-orderness of ordinary events. */
    jitter: number;
    /** The watermark trails the largest timestamp by this much. */
    bound: number;
    /** A watermark every this many events. */
    epoch: number;
    /** Every n-th event is late on purpose, by up to `lateBy` behind the watermark. */
    lateEvery: number;
    lateBy: number;
}
export declare const DEFAULT_EVENTS: EventOptions;
export declare function generateEvents(seed: number, options?: Partial<EventOptions>): Ev[];
/** The watermark every operator has seen when it processes each event. */
export declare function watermarksAt(events: readonly Ev[]): number[];
