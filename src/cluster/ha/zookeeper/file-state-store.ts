/**
 * The bytes behind the ZooKeeper pointers, as files under <storageDir>/<cluster-id>/.
 *
 * Files are never overwritten: each write creates a new uniquely named file (written to a temporary
 * name, synced, then renamed, so a reader never sees a partial file), the pointer in ZooKeeper is
 * switched to it, and only then is the old file deleted. A crash at any point leaves either the old
 * or the new pointer valid, plus at most an orphaned file that job cleanup removes with the job's
 * directory.
 */
import { randomUUID } from "node:crypto";
import { mkdir, open, readFile, rename, rm, unlink } from "node:fs/promises";
import { join, resolve, sep } from "node:path";
import { HighAvailabilityError, type HaPayload } from "../interface.js";
import { decodePayload, encodePayload } from "../payload.js";

export class FileStateStore {
  readonly baseDir: string;

  constructor(storageDir: string, clusterId: string) {
    this.baseDir = resolve(storageDir, clusterId);
  }

  /** Writes `payload` to a new file in `relativeDir` named `<prefix>-<uuid>`; returns its absolute path. */
  async write(relativeDir: string, prefix: string, payload: HaPayload): Promise<string> {
    const dir = this.resolveInside(relativeDir);
    await mkdir(dir, { recursive: true });
    const name = `${prefix}-${randomUUID()}`;
    const finalPath = join(dir, name);
    const tempPath = join(dir, `.${name}.tmp`);
    const handle = await open(tempPath, "wx");
    try {
      await handle.writeFile(encodePayload(payload));
      await handle.datasync();
    } catch (error) {
      await handle.close();
      await unlink(tempPath).catch(() => {});
      throw error;
    }
    await handle.close();
    await rename(tempPath, finalPath);
    await syncDirectory(dir);
    return finalPath;
  }

  async read(path: string): Promise<HaPayload> {
    return decodePayload(await readFile(this.checkInside(path)));
  }

  /** Deletes one file; no error when it is already gone. */
  async delete(path: string): Promise<void> {
    await rm(this.checkInside(path), { force: true });
  }

  /** Deletes a directory (relative to the base directory) with everything in it. */
  async deleteDir(relativeDir: string): Promise<void> {
    await rm(this.resolveInside(relativeDir), { recursive: true, force: true });
  }

  async deleteAll(): Promise<void> {
    await rm(this.baseDir, { recursive: true, force: true });
  }

  private resolveInside(relativeDir: string): string {
    return this.checkInside(resolve(this.baseDir, relativeDir));
  }

  /** Pointers come from ZooKeeper: never read or delete a file outside our own directory. */
  private checkInside(path: string): string {
    const absolute = resolve(path);
    if (!absolute.startsWith(this.baseDir + sep)) {
      throw new HighAvailabilityError(
        `HA file ${path} is outside the storage directory ${this.baseDir}: a ZooKeeper pointer was changed, or high-availability.storageDir differs between JobManagers (it must be the same on all)`,
      );
    }
    return absolute;
  }
}

/**
 * Makes the rename durable: the pointer to the file goes to ZooKeeper next, and must not outlive
 * the file's directory entry in a machine crash. Best effort where directories cannot be opened.
 */
async function syncDirectory(dir: string): Promise<void> {
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
