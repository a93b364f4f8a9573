import type { Source, SourceReader } from "../api/source.js";
/**
 * Lines from a TCP socket (Flink's socketTextStream): non-parallel; the stream ends when the peer
 * closes the connection. Not replayable: its position is not restorable.
 */
export declare class SocketTextSource implements Source<string, never> {
    private readonly host;
    private readonly port;
    private readonly delimiter;
    readonly boundedness = "unbounded";
    readonly maxParallelism = 1;
    constructor(host: string, port: number, delimiter: string);
    createReader(): SourceReader<string, never>;
}
