/**
 * The bytes behind the ZooKeeper pointers, as files under <storageDir>/<cluster-id>/, on any file
 * system (docs/architecture.md, "File systems"): a path, file:// or s3://.
 *
 * Files are never overwritten: each write creates a new uniquely named file (whole, so a reader
 * never sees a partial file: a synced rename locally, an atomic PUT on S3), the pointer in ZooKeeper
 * is switched to it, and only then is the old file deleted. A crash at any point leaves either the
 * old or the new pointer valid, plus at most an orphaned file that job cleanup removes with the
 * job's directory.
 */
import { randomUUID } from "node:crypto";
import { HighAvailabilityError, type HaPayload } from "../interface.js";
import { decodePayload, encodePayload } from "../payload.js";
import { joinUri, type FileSystem } from "../../../fs/file-system.js";
import { fileSystemFor, storageLocation } from "../../../fs/file-systems.js";

export class FileStateStore {
  readonly baseDir: string;
  private readonly fs: FileSystem;

  constructor(storageDir: string, clusterId: string) {
    this.baseDir = joinUri(storageLocation(storageDir), clusterId);
    this.fs = fileSystemFor(this.baseDir);
  }

  /** Writes `payload` to a new file in `relativeDir` named `<prefix>-<uuid>`; returns its URI. */
  async write(relativeDir: string, prefix: string, payload: HaPayload): Promise<string> {
    const uri = joinUri(this.resolveInside(relativeDir), `${prefix}-${randomUUID()}`);
    await this.fs.write(uri, encodePayload(payload));
    return uri;
  }

  async read(uri: string): Promise<HaPayload> {
    return decodePayload(await this.fs.read(this.checkInside(uri)));
  }

  /** Deletes one file; no error when it is already gone. */
  async delete(uri: string): Promise<void> {
    await this.fs.delete(this.checkInside(uri));
  }

  /** Deletes a directory (relative to the base directory) with everything in it. */
  async deleteDir(relativeDir: string): Promise<void> {
    await this.fs.deleteRecursive(this.resolveInside(relativeDir));
  }

  async deleteAll(): Promise<void> {
    await this.fs.deleteRecursive(this.baseDir);
  }

  private resolveInside(relativeDir: string): string {
    return this.checkInside(joinUri(this.baseDir, relativeDir));
  }

  /** Pointers come from ZooKeeper: never read or delete a file outside our own directory. */
  private checkInside(uri: string): string {
    const inside = uri.startsWith(this.baseDir + "/") && !uri.slice(this.baseDir.length).split("/").some((s) => s === ".." || s === ".");
    if (!inside) {
      throw new HighAvailabilityError(
        `HA file ${uri} is outside the storage directory ${this.baseDir}: a ZooKeeper pointer was changed, or high-availability.storageDir differs between JobManagers (it must be the same on all)`,
      );
    }
    return uri;
  }
}
