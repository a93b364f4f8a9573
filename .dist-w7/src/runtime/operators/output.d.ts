/**
 * Where an operator's records go: directly into chained operators (a method call) or into record
 * writers (the network). Side outputs are routed by tag; watermarks go everywhere.
 */
export interface Output {
    collect(value: unknown, timestamp: number): void;
    collectSide(tag: string, value: unknown, timestamp: number): void;
    emitWatermark(watermark: number): void;
    /** Idle inputs are skipped downstream when computing watermarks. */
    emitStreamStatus(idle: boolean): void;
}
/** Something that accepts records: a chained operator's input or a network writer. */
export interface RecordTarget {
    collect(value: unknown, timestamp: number): void;
    emitWatermark(watermark: number): void;
    emitStreamStatus(idle: boolean): void;
}
export declare class FanOutOutput implements Output {
    private readonly main;
    private readonly sides;
    private readonly all;
    constructor(main: RecordTarget[], sides: Map<string, RecordTarget[]>);
    collect(value: unknown, timestamp: number): void;
    collectSide(tag: string, value: unknown, timestamp: number): void;
    emitWatermark(watermark: number): void;
    emitStreamStatus(idle: boolean): void;
}
/** The single-target case without the loop, which is most chains. */
export declare function createOutput(main: RecordTarget[], sides: Map<string, RecordTarget[]>): Output;
