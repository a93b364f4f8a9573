import { connect, type Socket } from "node:net";
import type { InputStatus, ReaderOutput, Source, SourceReader } from "../source.js";

/**
 * Lines from a TCP socket (Flink's socketTextStream): non-parallel; the stream ends when the peer
 * closes the connection. Not replayable: its position is not restorable.
 */
export class SocketTextSource implements Source<string, never> {
  readonly boundedness = "unbounded";
  readonly maxParallelism = 1;
  constructor(
    private readonly host: string,
    private readonly port: number,
    private readonly delimiter: string,
  ) {}

  createReader(): SourceReader<string, never> {
    const lines: string[] = [];
    let partial = "";
    let ended = false;
    let failure: Error | undefined;
    let wake: (() => void) | undefined;
    const notify = (): void => {
      const w = wake;
      wake = undefined;
      w?.();
    };
    const socket: Socket = connect({ host: this.host, port: this.port });
    socket.setEncoding("utf8");
    socket.on("data", (chunk: string) => {
      const parts = (partial + chunk).split(this.delimiter);
      partial = parts.pop() ?? "";
      lines.push(...parts);
      // Stop reading while the task is behind: TCP's own flow control then slows the sender.
      if (lines.length > 10_000) socket.pause();
      notify();
    });
    socket.on("end", () => {
      if (partial) lines.push(partial);
      ended = true;
      notify();
    });
    socket.on("error", (e) => {
      failure = new Error(`socket source ${this.host}:${this.port}: ${e.message}`);
      notify();
    });
    let read = 0;
    return {
      pollNext(output: ReaderOutput<string>): InputStatus {
        if (failure) throw failure;
        if (read < lines.length) {
          output.collect(lines[read++]!);
          if (read === lines.length) {
            lines.length = 0;
            read = 0;
            if (socket.isPaused()) socket.resume();
          }
          return "more";
        }
        return ended ? "end-of-input" : "nothing-available";
      },
      isAvailable: () =>
        read < lines.length || ended || failure ? Promise.resolve() : new Promise<void>((resolve) => (wake = resolve)),
      snapshotState: () => [],
      close: () => {
        socket.destroy();
      },
    };
  }
}
