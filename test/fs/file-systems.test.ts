/** The file system conformance suite (file-system-cases.ts) on file://, on memory:// and on s3:// (a real S3-protocol server). */
import { after, before, describe } from "node:test";
import { mkdtempSync, readdirSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { LocalFileSystem } from "../../src/fs/local/local-file-system.js";
import { S3FileSystem } from "../../src/fs/s3/s3-file-system.js";
import { MemoryFileSystem } from "../../src/fs/memory/memory-file-system.js";
import { fileSystemSettings } from "../../src/fs/file-systems.js";
import { startS3Server, type S3Server } from "../support/s3.js";
import { defineFileSystemCases, uniqueName } from "./file-system-cases.js";

describe("file:// (LocalFileSystem)", () => {
  const root = mkdtempSync(join(tmpdir(), "sluice-fs-"));
  const fs = new LocalFileSystem();
  after(() => rmSync(root, { recursive: true, force: true }));
  defineFileSystemCases(() => ({
    fs,
    newDir: () => `file://${join(root, uniqueName())}`,
    openPendingCount: async (dir) => {
      try {
        return readdirSync(dir.slice("file://".length)).filter((n) => n.startsWith(".")).length;
      } catch {
        return 0;
      }
    },
  }));
});

describe("memory:// (MemoryFileSystem)", () => {
  const fs = new MemoryFileSystem();
  defineFileSystemCases(() => ({
    fs,
    newDir: () => `memory:///conformance/${uniqueName()}`,
    openPendingCount: async (dir) => (await fs.recoverableWriter().abandoned(dir, () => true)).length,
  }));
});

describe("s3:// (S3FileSystem on s3rver)", () => {
  let server: S3Server;
  let fs: S3FileSystem;
  before(async () => {
    server = await startS3Server({ buckets: ["conformance"] });
    fs = new S3FileSystem(fileSystemSettings(server.config));
  });
  after(async () => {
    await fs?.close();
    await server?.stop();
  });
  defineFileSystemCases(() => ({
    fs,
    newDir: () => `s3://conformance/${uniqueName()}`,
    openPendingCount: async (dir) => (await fs.recoverableWriter().abandoned(dir, () => true)).length,
  }));
});
