/**
 * `file://` URIs and plain paths (docs/architecture.md, "File systems"): what Sluice always did.
 * Whole-file writes go to a temporary name, are synced and renamed, so a reader never sees part of
 * a file; the rename is made durable by syncing the directory.
 */
import { mkdir, open, readdir, readFile, rename, rm, stat, unlink } from "node:fs/promises";
import { dirname, join } from "node:path";
import { localPath } from "./local-path.js";
import { randomBytes } from "node:crypto";
import { FileNotFoundError, FileSystemError, joinUri, type FileStatus, type FileSystem } from "../file-system.js";
import type { RecoverableWriter } from "../recoverable-writer.js";
import { LocalRecoverableWriter } from "./local-recoverable-writer.js";

export class LocalFileSystem implements FileSystem {
  readonly scheme = "file";
  private readonly writer = new LocalRecoverableWriter();

  async write(uri: string, data: Uint8Array): Promise<void> {
    const path = localPath(uri);
    await mkdir(dirname(path), { recursive: true });
    const tmp = `${path}.${randomBytes(4).toString("hex")}.tmp`;
    const handle = await open(tmp, "wx");
    try {
      await handle.writeFile(data);
      await handle.sync();
    } catch (error) {
      await handle.close();
      await unlink(tmp).catch(() => {});
      throw new FileSystemError(`cannot write ${uri}: ${(error as Error).message}`, { cause: error });
    }
    await handle.close();
    await rename(tmp, path);
    await syncDirectory(dirname(path));
  }

  async read(uri: string): Promise<Buffer> {
    try {
      return await readFile(localPath(uri));
    } catch (error) {
      throw notFoundOr(uri, error);
    }
  }

  async readRange(uri: string, start: number, end: number): Promise<Buffer> {
    let handle;
    try {
      handle = await open(localPath(uri), "r");
    } catch (error) {
      throw notFoundOr(uri, error);
    }
    try {
      const buf = Buffer.allocUnsafe(Math.max(0, end - start));
      let n = 0;
      while (n < buf.length) {
        const { bytesRead } = await handle.read(buf, n, buf.length - n, start + n);
        if (bytesRead === 0) break;
        n += bytesRead;
      }
      return buf.subarray(0, n);
    } finally {
      await handle.close();
    }
  }

  async stat(uri: string): Promise<FileStatus | undefined> {
    try {
      const s = await stat(localPath(uri));
      return s.isFile() ? { uri, size: s.size } : undefined;
    } catch {
      return undefined;
    }
  }

  async list(dirUri: string): Promise<FileStatus[]> {
    const root = localPath(dirUri);
    const out: FileStatus[] = [];
    const walk = async (dir: string, rel: string): Promise<void> => {
      let entries;
      try {
        entries = await readdir(dir, { withFileTypes: true });
      } catch {
        return;
      }
      for (const e of entries) {
        const path = join(dir, e.name);
        const relative = rel ? `${rel}/${e.name}` : e.name;
        if (e.isDirectory()) await walk(path, relative);
        else if (e.isFile()) out.push({ uri: joinUri(dirUri, relative), size: (await stat(path)).size });
      }
    };
    await walk(root, "");
    return out.sort((a, b) => (a.uri < b.uri ? -1 : a.uri > b.uri ? 1 : 0));
  }

  async delete(uri: string): Promise<void> {
    await rm(localPath(uri), { force: true });
  }

  async deleteRecursive(dirUri: string): Promise<void> {
    await rm(localPath(dirUri), { recursive: true, force: true, maxRetries: 3 });
  }

  recoverableWriter(): RecoverableWriter {
    return this.writer;
  }

  async close(): Promise<void> {}
}

function notFoundOr(uri: string, error: unknown): Error {
  const code = (error as NodeJS.ErrnoException).code;
  if (code === "ENOENT" || code === "EISDIR") return new FileNotFoundError(`${uri} does not exist`, { cause: error });
  return new FileSystemError(`cannot read ${uri}: ${(error as Error).message}`, { cause: error });
}

/**
 * Makes a rename durable: a pointer to the file (in ZooKeeper, in a checkpoint) may follow at once
 * and must not outlive the directory entry in a machine crash. Best effort where directories
 * cannot be opened.
 */
export async function syncDirectory(dir: string): Promise<void> {
  let handle;
  try {
    handle = await open(dir, "r");
    await handle.sync();
  } catch {
    // Not supported on this platform or file system.
  } finally {
    await handle?.close();
  }
}
