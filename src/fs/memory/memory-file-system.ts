/**
 * `memory://` — files in this process's memory (docs/architecture.md, "File systems"): for the
 * deterministic simulation, whose JobMasters must not wait on real I/O (every operation settles
 * within the same turn, so the simulated clock alone orders events), and for tests. Not durable.
 */
import { FileNotFoundError, FileSystemError, type FileStatus, type FileSystem } from "../file-system.js";
import type { Committable, RecoverableOutput, RecoverableWriter } from "../recoverable-writer.js";

interface MemoryCommittable extends Committable {
  readonly pendingId: string;
}

export class MemoryFileSystem implements FileSystem {
  readonly scheme = "memory";
  private readonly files = new Map<string, Buffer>();
  /** Pre-committed data by id, and what was begun (open or pre-committed) by id → target. */
  private readonly pending = new Map<string, Buffer>();
  private readonly begun = new Map<string, string>();
  private nextId = 0;
  private readonly writer: RecoverableWriter;

  constructor() {
    this.writer = this.createWriter();
  }

  async write(uri: string, data: Uint8Array): Promise<void> {
    this.files.set(uri, Buffer.from(data));
  }

  async read(uri: string): Promise<Buffer> {
    const data = this.files.get(uri);
    if (!data) throw new FileNotFoundError(`${uri} does not exist`);
    return Buffer.from(data);
  }

  async readRange(uri: string, start: number, end: number): Promise<Buffer> {
    return (await this.read(uri)).subarray(start, Math.max(start, end));
  }

  async stat(uri: string): Promise<FileStatus | undefined> {
    const data = this.files.get(uri);
    return data ? { uri, size: data.length } : undefined;
  }

  async list(dirUri: string): Promise<FileStatus[]> {
    const prefix = `${dirUri.replace(/\/+$/, "")}/`;
    return [...this.files]
      .filter(([uri]) => uri.startsWith(prefix))
      .map(([uri, data]) => ({ uri, size: data.length }))
      .sort((a, b) => (a.uri < b.uri ? -1 : a.uri > b.uri ? 1 : 0));
  }

  async delete(uri: string): Promise<void> {
    this.files.delete(uri);
  }

  async deleteRecursive(dirUri: string): Promise<void> {
    const dir = dirUri.replace(/\/+$/, "");
    for (const uri of [...this.files.keys()]) if (uri === dir || uri.startsWith(`${dir}/`)) this.files.delete(uri);
  }

  recoverableWriter(): RecoverableWriter {
    return this.writer;
  }

  async close(): Promise<void> {}

  private createWriter(): RecoverableWriter {
    const fs = this;
    return {
      open(target: string): RecoverableOutput {
        const id = `p${fs.nextId++}`;
        fs.begun.set(id, target);
        const chunks: Buffer[] = [];
        let position = 0;
        return {
          get position() {
            return position;
          },
          isBackpressured: false,
          write(bytes) {
            chunks.push(Buffer.from(bytes));
            position += bytes.byteLength;
          },
          whenWritable: async () => {},
          closeForCommit: async () => {
            fs.pending.set(id, Buffer.concat(chunks));
            return { target, pendingId: id } satisfies MemoryCommittable;
          },
          abort: async () => void fs.begun.delete(id),
        };
      },
      async commit(committable) {
        const { target, pendingId } = committable as MemoryCommittable;
        const data = fs.pending.get(pendingId);
        if (data) {
          fs.files.set(target, data);
          fs.pending.delete(pendingId);
          fs.begun.delete(pendingId);
        } else if (!fs.files.has(target)) {
          throw new FileSystemError(`cannot commit ${target}: its pending data ${pendingId} is gone`);
        }
      },
      async abort(committable) {
        const { pendingId } = committable as MemoryCommittable;
        fs.pending.delete(pendingId);
        fs.begun.delete(pendingId);
      },
      async abandoned(dirUri, targetFilter) {
        const prefix = `${dirUri.replace(/\/+$/, "")}/`;
        return [...fs.begun]
          .filter(([, target]) => target.startsWith(prefix) && !target.slice(prefix.length).includes("/") && targetFilter(target.slice(prefix.length)))
          .map(([pendingId, target]) => ({ target, pendingId }) satisfies MemoryCommittable);
      },
    };
  }
}
