/**
 * The S3 test server's process (test/support/s3.ts): s3rver on a given port and directory, with
 * buckets created at start. s3rver does not implement two calls of the plain S3 API that Sluice's
 * file sink uses — ListMultipartUploads (`GET /<bucket>?uploads`) and AbortMultipartUpload
 * (`DELETE /<bucket>/<key>?uploadId=…`) — so this adds them over s3rver's own upload store (path-style
 * requests, which the tests use). They answer as S3 documents, so the code under test sees the
 * plain API. Prints "listening <port>" when ready.
 */
import { readdir, readFile, rm, stat } from "node:fs/promises";
import { join } from "node:path";
import { createRequire } from "node:module";

const require = createRequire(import.meta.url);
// s3rver has no type declarations; the little used here is typed inline.
interface Store {
  getResourcePath(bucket: string, key: string | undefined, resource: string): string;
}
interface KoaContext {
  method: string;
  path: string;
  query: Record<string, string | undefined>;
  status: number;
  body: unknown;
  type: string;
}
interface S3rverApp {
  store: Store;
  middleware: Array<(ctx: KoaContext, next: () => Promise<void>) => Promise<void>>;
  run(): Promise<{ port: number }>;
}
const S3rver = require("s3rver") as new (options: Record<string, unknown>) => S3rverApp;

const [port, directory, ...buckets] = process.argv.slice(2);
const app = new S3rver({ port: Number(port), address: "127.0.0.1", directory, silent: !process.env.S3RVER_VERBOSE, configureBuckets: buckets.map((name) => ({ name, configs: [] })) });

const xml = (s: string): string => s.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");

function uploadsDir(bucket: string): string {
  return app.store.getResourcePath(bucket, undefined, "uploads");
}

async function exists(path: string): Promise<boolean> {
  return stat(path).then(
    () => true,
    () => false,
  );
}

function error(ctx: KoaContext, status: number, code: string, message: string): void {
  ctx.status = status;
  ctx.type = "application/xml";
  ctx.body = `<?xml version="1.0" encoding="UTF-8"?><Error><Code>${code}</Code><Message>${xml(message)}</Message></Error>`;
}

async function listUploads(ctx: KoaContext, bucket: string): Promise<void> {
  const prefix = ctx.query.prefix ?? "";
  const dir = uploadsDir(bucket);
  const uploads: Array<{ key: string; id: string }> = [];
  for (const id of await readdir(dir).catch(() => [] as string[])) {
    const key = await readFile(join(dir, id, "key"), "utf8").catch(() => undefined);
    if (key !== undefined && key.startsWith(prefix)) uploads.push({ key, id });
  }
  uploads.sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : a.id < b.id ? -1 : 1));
  ctx.status = 200;
  ctx.type = "application/xml";
  ctx.body =
    `<?xml version="1.0" encoding="UTF-8"?><ListMultipartUploadsResult xmlns="http://s3.amazonaws.com/doc/2006-03-01/">` +
    `<Bucket>${xml(bucket)}</Bucket><Prefix>${xml(prefix)}</Prefix><IsTruncated>false</IsTruncated>` +
    uploads.map((u) => `<Upload><Key>${xml(u.key)}</Key><UploadId>${xml(u.id)}</UploadId></Upload>`).join("") +
    `</ListMultipartUploadsResult>`;
}

async function abortUpload(ctx: KoaContext, bucket: string, uploadId: string): Promise<void> {
  const dir = join(uploadsDir(bucket), uploadId);
  if (uploadId.includes("/") || uploadId.includes("..") || !(await exists(dir))) {
    error(ctx, 404, "NoSuchUpload", "The specified upload does not exist.");
    return;
  }
  await rm(dir, { recursive: true, force: true });
  ctx.status = 204;
  ctx.body = "";
}

// Before s3rver's router (the last middleware), which refuses both calls.
app.middleware.splice(app.middleware.length - 1, 0, async (ctx, next) => {
  const [, bucket, ...rest] = ctx.path.split("/");
  const key = rest.join("/");
  if (bucket && key === "" && ctx.method === "GET" && "uploads" in ctx.query) {
    if (!(await exists(join(directory!, bucket)))) return error(ctx, 404, "NoSuchBucket", "The specified bucket does not exist");
    return listUploads(ctx, bucket);
  }
  if (bucket && key !== "" && ctx.method === "DELETE" && ctx.query.uploadId) return abortUpload(ctx, bucket, ctx.query.uploadId);
  return next();
});

const server = await app.run();
process.stdout.write(`listening ${server.port}\n`);
