/** A TaskExecutor's local copies of job bundles: fetched from the BlobServer once, kept by hash. */
import { existsSync, mkdirSync, renameSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { hashBundle } from "../blob/blob-server.js";
import type { JobBundle } from "../messages.js";

/** Where a TaskExecutor finds a job bundle's code by hash (the simulation's has no disk). */
export interface BundleCache {
  /** The local path of the bundle, fetching it if this TaskExecutor doesn't have it yet. */
  path(hash: string): Promise<string>;
}

export class BlobCache implements BundleCache {
  private readonly inflight = new Map<string, Promise<string>>();
  /** How many bundles were actually fetched (the rest came from the cache). */
  fetches = 0;

  constructor(
    private readonly dir: string,
    private readonly fetch: (hash: string) => Promise<JobBundle>,
  ) {
    mkdirSync(dir, { recursive: true });
  }

  /** The local path of the bundle, fetching it if this TaskExecutor doesn't have it yet. */
  path(hash: string): Promise<string> {
    const file = join(this.dir, `${hash}.mjs`);
    if (existsSync(file)) return Promise.resolve(file);
    let p = this.inflight.get(hash);
    if (!p) {
      p = (async () => {
        const bundle = await this.fetch(hash);
        this.fetches++;
        if (hashBundle(bundle.code) !== hash) throw new Error(`bundle ${hash} arrived corrupted`);
        const tmp = `${file}.${process.pid}.${Date.now()}.tmp`;
        writeFileSync(tmp, bundle.code);
        renameSync(tmp, file);
        return file;
      })().finally(() => this.inflight.delete(hash));
      this.inflight.set(hash, p);
    }
    return p;
  }
}
