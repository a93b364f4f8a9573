import { connect } from "node:net";
/**
 * Lines from a TCP socket (Flink's socketTextStream): non-parallel; the stream ends when the peer
 * closes the connection. Not replayable: its position is not restorable.
 */
export class SocketTextSource {
    host;
    port;
    delimiter;
    boundedness = "unbounded";
    maxParallelism = 1;
    constructor(host, port, delimiter) {
        this.host = host;
        this.port = port;
        this.delimiter = delimiter;
    }
    createReader() {
        const lines = [];
        let partial = "";
        let ended = false;
        let failure;
        let wake;
        const notify = () => {
            const w = wake;
            wake = undefined;
            w?.();
        };
        const socket = connect({ host: this.host, port: this.port });
        socket.setEncoding("utf8");
        socket.on("data", (chunk) => {
            const parts = (partial + chunk).split(this.delimiter);
            partial = parts.pop() ?? "";
            lines.push(...parts);
            // Stop reading while the task is behind: TCP's own flow control then slows the sender.
            if (lines.length > 10_000)
                socket.pause();
            notify();
        });
        socket.on("end", () => {
            if (partial)
                lines.push(partial);
            ended = true;
            notify();
        });
        socket.on("error", (e) => {
            failure = new Error(`socket source ${this.host}:${this.port}: ${e.message}`);
            notify();
        });
        let read = 0;
        return {
            pollNext(output) {
                if (failure)
                    throw failure;
                if (read < lines.length) {
                    output.collect(lines[read++]);
                    if (read === lines.length) {
                        lines.length = 0;
                        read = 0;
                        if (socket.isPaused())
                            socket.resume();
                    }
                    return "more";
                }
                return ended ? "end-of-input" : "nothing-available";
            },
            isAvailable: () => read < lines.length || ended || failure ? Promise.resolve() : new Promise((resolve) => (wake = resolve)),
            snapshotState: () => [],
            close: () => {
                socket.destroy();
            },
        };
    }
}
//# sourceMappingURL=socket-text-source.js.map