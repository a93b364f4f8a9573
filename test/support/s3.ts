/**
 * A private S3-protocol server for tests: `s3rver` (npm, a dev dependency) in a child process on a
 * free loopback port, with its data in a temporary directory. Its one account is access key
 * "S3RVER", secret "S3RVER"; it refuses unknown access keys as S3 does, but does not verify SigV4
 * signatures (a wrong secret alone passes).
 * stop() ends it; kill() + restart() take it away and bring it back on the same port with the same
 * data (the "S3 unavailable for a while" tests). The child is killed when the test process exits.
 */
import { spawn, type ChildProcess } from "node:child_process";
import { mkdtempSync, readdirSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import type { Configuration } from "../../src/config/configuration.js";
import { freePort } from "./free-port.js";

const MAIN = fileURLToPath(new URL("./s3-server-main.js", import.meta.url));
export const S3_ACCESS_KEY = "S3RVER";
export const S3_SECRET_KEY = "S3RVER";

export interface S3Server {
  readonly endpoint: string;
  readonly port: number;
  readonly dataDir: string;
  /** The `s3.*` settings that reach this server. */
  readonly config: Configuration;
  /** Ends the server and deletes its data. */
  stop(): Promise<void>;
  /** Ends the server at once (SIGKILL); its data stays for restart(). */
  kill(): Promise<void>;
  /** Starts it again on the same port with the same data. */
  restart(): Promise<void>;
  /** Upload ids of multipart uploads begun and neither completed nor aborted, per key (from the server's store). */
  openUploads(bucket: string): string[];
}

const running = new Set<ChildProcess>();
process.on("exit", () => {
  for (const c of running) c.kill("SIGKILL");
});

export async function startS3Server(options: { buckets?: string[] } = {}): Promise<S3Server> {
  const dataDir = mkdtempSync(join(tmpdir(), "sluice-s3-"));
  const port = await freePort();
  const buckets = options.buckets ?? ["sluice"];
  let child: ChildProcess | undefined;

  const launch = (): Promise<void> =>
    new Promise((resolve, reject) => {
      const c = spawn(process.execPath, [MAIN, String(port), dataDir, ...buckets], { stdio: ["ignore", "pipe", "pipe"] });
      running.add(c);
      child = c;
      let output = "";
      const timer = setTimeout(() => reject(new Error(`s3rver did not start within 20 s: ${output}`)), 20_000);
      c.stdout!.on("data", (d: Buffer) => {
        output += d.toString();
        if (output.includes("listening")) {
          clearTimeout(timer);
          resolve();
        }
      });
      c.stderr!.on("data", (d: Buffer) => (output += d.toString()));
      c.once("exit", (code) => {
        running.delete(c);
        clearTimeout(timer);
        reject(new Error(`s3rver exited with ${code}: ${output}`));
      });
    });

  const end = async (): Promise<void> => {
    const c = child;
    child = undefined;
    if (!c || c.exitCode !== null) return;
    const exited = new Promise((r) => c.once("exit", r));
    c.kill("SIGKILL");
    await exited;
  };

  await launch();
  const endpoint = `http://127.0.0.1:${port}`;
  return {
    endpoint,
    port,
    dataDir,
    config: { "s3.endpoint": endpoint, "s3.path.style.access": "true", "s3.access-key": S3_ACCESS_KEY, "s3.secret-key": S3_SECRET_KEY, "s3.endpoint.region": "us-east-1" },
    async stop() {
      await end();
      rmSync(dataDir, { recursive: true, force: true });
    },
    kill: end,
    restart: async () => {
      await end();
      await launch();
    },
    openUploads(bucket) {
      try {
        return readdirSync(join(dataDir, bucket, "._S3rver_uploads"));
      } catch {
        return [];
      }
    },
  };
}
