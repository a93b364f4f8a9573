/**
 * The BlobServer keeps job bundles (the JAR's counterpart) by content hash, on disk under its
 * storage directory; TaskExecutors fetch a bundle once and cache it (blob-cache.ts).
 */
import { createHash } from "node:crypto";
import { mkdirSync, readFileSync, writeFileSync, renameSync, existsSync, rmSync } from "node:fs";
import { join } from "node:path";
import type { BlobServerGateway } from "./blob-server-gateway.js";
import type { JobBundle } from "../messages.js";
import { SluiceError, registerErrorClass } from "../../errors/sluice-error.js";

/** A bundle whose content does not match its hash (a corrupted or tampered upload): upload it again. */
export class BlobIntegrityError extends SluiceError {}
registerErrorClass(BlobIntegrityError);

export function hashBundle(code: string): string {
  return createHash("sha256").update(code).digest("hex");
}

const HASH = /^[0-9a-f]{64}$/;

export class BlobServer implements BlobServerGateway {
  constructor(private readonly dir: string) {
    mkdirSync(dir, { recursive: true });
  }

  /** Stores a bundle; its hash is checked so a corrupted upload is refused. */
  put(bundle: JobBundle): void {
    if (!HASH.test(bundle.hash) || hashBundle(bundle.code) !== bundle.hash) {
      throw new BlobIntegrityError("the bundle's content does not match its SHA-256 hash; upload it again");
    }
    const file = join(this.dir, `${bundle.hash}.mjs`);
    if (existsSync(file)) return;
    const tmp = `${file}.${process.pid}.tmp`;
    writeFileSync(tmp, bundle.code);
    renameSync(tmp, file);
  }

  getBundle(hash: string): JobBundle {
    if (!HASH.test(hash)) throw new Error(`invalid bundle hash "${hash}"`);
    const file = join(this.dir, `${hash}.mjs`);
    if (!existsSync(file)) throw new Error(`no bundle ${hash}`);
    return { hash, code: readFileSync(file, "utf8") };
  }

  /** The file of a stored bundle (the JobMaster's coordinator worker imports it from there). */
  pathOf(hash: string): string {
    if (!HASH.test(hash)) throw new Error(`invalid bundle hash "${hash}"`);
    return join(this.dir, `${hash}.mjs`);
  }

  remove(hash: string): void {
    if (HASH.test(hash)) rmSync(join(this.dir, `${hash}.mjs`), { force: true });
  }
}
