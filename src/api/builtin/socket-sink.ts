/**
 * writeToSocket's sink (Flink's SocketClientSink): each subtask opens one TCP connection and
 * writes every record serialized; strings get a newline appended, as the line-based socket source
 * reads them. A refused or broken connection fails the task with the address in the message, so
 * the restart strategy applies and nothing is silently dropped.
 */
import { connect, type Socket } from "node:net";
import type { RuntimeContext } from "../runtime-context.js";
import type { Sink, SinkWriter } from "../sink.js";

export class SocketSink<T> implements Sink<T> {
  constructor(
    private readonly host: string,
    private readonly port: number,
    private readonly serialize: (value: T) => string | Uint8Array,
  ) {
    if (!Number.isInteger(port) || port < 1 || port > 65535) throw new RangeError(`writeToSocket: port must be 1..65535, got ${port}`);
  }

  async createWriter(_ctx: RuntimeContext): Promise<SinkWriter<T>> {
    const where = `${this.host}:${this.port}`;
    const socket = await new Promise<Socket>((resolve, reject) => {
      const s = connect({ host: this.host, port: this.port }, () => resolve(s));
      s.once("error", (e) => reject(new Error(`writeToSocket: cannot connect to ${where}: ${e.message}`, { cause: e })));
    });
    let failure: Error | undefined;
    socket.on("error", (e) => (failure ??= new Error(`writeToSocket: connection to ${where} failed: ${e.message}`, { cause: e })));
    const check = (): void => {
      if (failure) throw failure;
    };
    const serialize = this.serialize;
    return {
      write(value: T) {
        check();
        const data = serialize(value);
        socket.write(typeof data === "string" ? data + "\n" : data);
      },
      async flush() {
        check();
        // Everything written so far has left the process's buffers.
        if (socket.writableLength > 0) {
          await new Promise<void>((resolve) => {
            socket.once("drain", resolve);
            socket.once("close", resolve);
          });
        }
        check();
      },
      async close() {
        await new Promise<void>((resolve) => socket.end(resolve));
        check();
      },
    };
  }
}
