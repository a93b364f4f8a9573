/**
 * Uploaded job bundles, stored by content hash (Flink's jar upload once wrote wherever the
 * client's file name pointed). The id is the SHA-256 of the content, so a file name from a request
 * never becomes a path; the name the client gave is kept as metadata next to the bundle.
 */
import { createHash } from "node:crypto";
import { mkdirSync, readFileSync, readdirSync, renameSync, rmSync, statSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { JAR_ID } from "../schemas/jar-schemas.js";
import { SluiceError, registerErrorClass } from "../../errors/sluice-error.js";

export interface JarInfo {
  id: string;
  name: string;
  uploaded: number;
  size: number;
}

const ID = new RegExp(JAR_ID);

export class InvalidJarError extends SluiceError {}
registerErrorClass(InvalidJarError);

export class JarStore {
  constructor(readonly dir: string) {
    mkdirSync(dir, { recursive: true, mode: 0o700 });
  }

  /** Stores a bundle; the same content uploaded twice is one jar. */
  put(content: Buffer, originalName: string | undefined): JarInfo {
    if (content.length === 0) throw new InvalidJarError("the uploaded bundle is empty");
    try {
      new TextDecoder("utf-8", { fatal: true }).decode(content);
    } catch {
      throw new InvalidJarError("the uploaded bundle is not UTF-8 text: upload the JavaScript bundle that `bundleJob` (or esbuild) produces, not a binary file");
    }
    const id = createHash("sha256").update(content).digest("hex");
    const info: JarInfo = { id, name: cleanName(originalName), uploaded: Date.now(), size: content.length };
    const existing = this.info(id);
    if (existing) return existing;
    this.writeAtomically(this.bundlePath(id), content);
    this.writeAtomically(this.metaPath(id), Buffer.from(JSON.stringify(info)));
    return info;
  }

  list(): JarInfo[] {
    const out: JarInfo[] = [];
    for (const f of readdirSync(this.dir)) {
      const m = /^([0-9a-f]{64})\.json$/.exec(f);
      const info = m ? this.info(m[1]!) : undefined;
      if (info) out.push(info);
    }
    return out.sort((a, b) => b.uploaded - a.uploaded);
  }

  info(id: string): JarInfo | undefined {
    if (!ID.test(id)) return undefined;
    try {
      const meta = JSON.parse(readFileSync(this.metaPath(id), "utf8")) as JarInfo;
      statSync(this.bundlePath(id));
      return { id, name: String(meta.name), uploaded: Number(meta.uploaded), size: Number(meta.size) };
    } catch {
      return undefined;
    }
  }

  /** The bundle file of a jar (ids are validated hashes, so the path stays inside the store). */
  bundleFile(id: string): string | undefined {
    return this.info(id) ? this.bundlePath(id) : undefined;
  }

  read(id: string): string | undefined {
    const file = this.bundleFile(id);
    return file ? readFileSync(file, "utf8") : undefined;
  }

  delete(id: string): boolean {
    if (!this.info(id)) return false;
    rmSync(this.metaPath(id), { force: true });
    rmSync(this.bundlePath(id), { force: true });
    return true;
  }

  private bundlePath(id: string): string {
    if (!ID.test(id)) throw new InvalidJarError(`invalid jar id "${id}"`);
    return join(this.dir, `${id}.mjs`);
  }

  private metaPath(id: string): string {
    if (!ID.test(id)) throw new InvalidJarError(`invalid jar id "${id}"`);
    return join(this.dir, `${id}.json`);
  }

  private writeAtomically(file: string, content: Buffer): void {
    const tmp = `${file}.${process.pid}.${Math.random().toString(36).slice(2)}.tmp`;
    writeFileSync(tmp, content, { mode: 0o600, flag: "wx" });
    renameSync(tmp, file);
  }
}

/** The client's file name, reduced to its last segment and printable characters (shown, never used as a path). */
function cleanName(name: string | undefined): string {
  const base = (name ?? "").split(/[\\/]/).pop() ?? "";
  // eslint-disable-next-line no-control-regex
  const clean = base.replace(/[\u0000-\u001f\u007f]/g, "").slice(0, 255);
  return clean || "job.mjs";
}
