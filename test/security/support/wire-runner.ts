/**
 * Plays one fuzz case on its own loopback connection and checks what the server did: closed the
 * connection, answered, or kept it open, as the case expects, within a bound. The server's own
 * bytes are decoded with the cluster's decoders, so a malformed reply is caught too. Every
 * connection ends closed (by the server, or by the fuzzer once the case is over).
 */
import { readFileSync } from "node:fs";
import { connect } from "node:net";
import { FrameDecoder, createPackr } from "../../../src/cluster/rpc/tcp/frame-codec.js";
import { parseTcpAddress } from "../../../src/cluster/rpc/tcp-rpc-service.js";
import { DataFrameDecoder } from "../../../src/cluster/network/data-wire.js";
import type { WireCase } from "./wire-cases.js";

export interface Bounds {
  /** How long the server may take to close a connection after a protocol violation (or to answer). */
  reactMs: number;
  /** How long a connection that should stay open is watched. */
  openMs: number;
  /** How long a case that may be left waiting is given before the fuzzer hangs up. */
  anyMs: number;
}

export interface CaseOutcome {
  /** The fuzzer's port, to find the server's end of the connection later. */
  localPort?: number;
  closedByServer: boolean;
  problem?: string;
}

const MAX_FRAME = 64 * 1024 * 1024;

export function playCase(c: WireCase, address: string, bounds: Bounds): Promise<CaseOutcome> {
  const { host, port } = parseTcpAddress(address);
  return new Promise((resolve) => {
    const socket = connect({ host, port });
    const started = Date.now();
    let closed = false;
    let hungUp = false;
    let localPort: number | undefined;
    let settled = false;
    let refused: string | undefined;
    let badReply: string | undefined;
    const answered = new Set<number>();
    let serverFrames = 0;
    const rpcDecoder = new FrameDecoder(MAX_FRAME);
    const dataDecoder = new DataFrameDecoder(MAX_FRAME);
    const packr = createPackr();

    socket.on("data", (chunk: Buffer) => {
      try {
        if (c.protocol === "rpc") {
          for (const body of rpcDecoder.push(chunk)) {
            serverFrames++;
            const m = packr.unpack(body) as { t?: string; id?: number };
            if ((m.t === "ok" || m.t === "err") && typeof m.id === "number") answered.add(m.id);
          }
        } else {
          for (const f of dataDecoder.push(chunk)) {
            serverFrames++;
            if (f.kind !== 0) badReply ??= `the server sent a data frame (kind ${f.kind}) to a stranger`;
          }
        }
      } catch (e) {
        badReply ??= `the server sent bytes its own protocol refuses: ${(e as Error).message}`;
      }
    });
    socket.on("error", (e: Error & { code?: string }) => {
      // Resets and broken pipes are how a server hangs up on garbage; a refused connection is not.
      if (e.code === "ECONNREFUSED") refused = `${address} refused the connection: is the process still alive?`;
    });
    socket.on("close", () => {
      closed = true;
    });

    const waitUntil = async (done: () => boolean, ms: number): Promise<void> => {
      const deadline = Date.now() + ms;
      while (!done() && !closed && Date.now() < deadline) await new Promise((r) => setTimeout(r, 5));
    };

    const finish = async (problem: string | undefined): Promise<void> => {
      if (settled) return;
      settled = true;
      const closedByServer = closed && !hungUp;
      if (!closed) {
        hungUp = true;
        socket.destroy();
        await waitUntil(() => closed, 1000);
      }
      resolve({ localPort, closedByServer, problem: refused ?? badReply ?? problem });
    };

    socket.once("connect", async () => {
      localPort = socket.localPort;
      for (const chunk of c.chunks) {
        if (closed) break;
        socket.write(chunk);
        // A pause between chunks, so that they can arrive as separate reads.
        await new Promise((r) => setImmediate(r));
      }
      const expect = c.expect;
      const what = `${c.name} (${c.protocol}, ${address})`;
      switch (expect.kind) {
        case "close":
          await waitUntil(() => false, bounds.reactMs);
          return finish(closed ? undefined : `the server kept the connection open after a ${what}`);
        case "answer": {
          await waitUntil(() => expect.ids.every((id) => answered.has(id)), bounds.reactMs);
          const missing = expect.ids.filter((id) => !answered.has(id));
          if (closed) return finish(`the server closed the connection instead of answering ${what}`);
          return finish(missing.length ? `no answer to call ${missing.join(", ")} of ${what} within ${bounds.reactMs} ms` : undefined);
        }
        case "open":
          await waitUntil(() => serverFrames > 0, bounds.reactMs);
          if (!closed) await waitUntil(() => false, bounds.openMs);
          return finish(closed ? `the server closed the connection after ${what}` : serverFrames === 0 ? `no handshake reply to ${what}` : undefined);
        case "any":
          await waitUntil(() => false, bounds.anyMs);
          return finish(undefined);
      }
    });
    // Cannot connect at all: the close comes without a connect.
    socket.once("close", () => {
      if (localPort === undefined) void finish(refused ?? `could not connect to ${address} (${Date.now() - started} ms)`);
    });
  });
}

/**
 * Server-side ends of fuzz connections that are still open: ESTABLISHED or CLOSE_WAIT sockets on
 * `serverPort` whose peer is one of the fuzzer's (closed) ports. CLOSE_WAIT means the server never
 * closed its side after the fuzzer hung up. A port the system gave to a new, live connection since
 * is recognised by its own ESTABLISHED client end and not counted.
 */
export function leftoverServerConnections(serverPort: number, fuzzPorts: ReadonlySet<number>): string[] {
  const sockets = readTcpTable();
  const live = new Set(sockets.filter((s) => s.state === "01" && s.remotePort === serverPort).map((s) => s.localPort));
  return sockets
    .filter((s) => s.localPort === serverPort && fuzzPorts.has(s.remotePort))
    .filter((s) => s.state === "08" || (s.state === "01" && !live.has(s.remotePort)))
    .map((s) => `:${serverPort} ← :${s.remotePort} ${s.state === "08" ? "CLOSE_WAIT" : "ESTABLISHED"}`);
}

function readTcpTable(): Array<{ localPort: number; remotePort: number; state: string }> {
  const rows: Array<{ localPort: number; remotePort: number; state: string }> = [];
  for (const file of ["/proc/net/tcp", "/proc/net/tcp6"]) {
    let text = "";
    try {
      text = readFileSync(file, "utf8");
    } catch {
      continue;
    }
    for (const line of text.split("\n").slice(1)) {
      const f = line.trim().split(/\s+/);
      if (f.length < 4) continue;
      rows.push({ localPort: parseInt(f[1]!.split(":")[1]!, 16), remotePort: parseInt(f[2]!.split(":")[1]!, 16), state: f[3]! });
    }
  }
  return rows;
}
