/**
 * `s3://bucket/path` on the AWS SDK v3 (docs/architecture.md, "File systems"), with nothing but the
 * plain S3 API: PutObject is atomic (an object appears whole or not at all), so whole-file writes need
 * no temporary name; "directories" are key prefixes; recursive deletion lists and deletes in
 * batches. Failures become FileSystemErrors that name the setting to fix (s3-errors.ts).
 */
import {
  DeleteObjectsCommand,
  GetObjectCommand,
  HeadObjectCommand,
  ListObjectsV2Command,
  PutObjectCommand,
  S3Client,
  type S3ClientConfig,
} from "@aws-sdk/client-s3";
import { FileNotFoundError, joinUri, type FileStatus, type FileSystem } from "../file-system.js";
import type { RecoverableWriter } from "../recoverable-writer.js";
import { translateS3Error } from "./s3-errors.js";
import { S3RecoverableWriter } from "./s3-recoverable-writer.js";
import { dirPrefix, parseS3Uri, s3Uri, type S3Location } from "./s3-uri.js";

export interface S3Settings {
  endpoint?: string;
  pathStyleAccess: boolean;
  accessKey?: string;
  secretKey?: string;
  region?: string;
  minPartSize: number;
  maxRetries: number;
}

export class S3FileSystem implements FileSystem {
  readonly scheme = "s3";
  readonly client: S3Client;
  /** For messages: where requests go. */
  readonly endpointName: string;
  private readonly writer: S3RecoverableWriter;

  constructor(readonly settings: S3Settings) {
    const region = settings.region ?? process.env.AWS_REGION ?? process.env.AWS_DEFAULT_REGION ?? "us-east-1";
    const config: S3ClientConfig = {
      region,
      forcePathStyle: settings.pathStyleAccess,
      maxAttempts: settings.maxRetries + 1,
      // The plain S3 API: checksums only where S3 requires them (every S3-compatible server accepts that).
      requestChecksumCalculation: "WHEN_REQUIRED",
      responseChecksumValidation: "WHEN_REQUIRED",
      requestHandler: { connectionTimeout: 5_000, requestTimeout: 60_000 },
    };
    if (settings.endpoint) config.endpoint = settings.endpoint;
    if (settings.accessKey || settings.secretKey) config.credentials = { accessKeyId: settings.accessKey ?? "", secretAccessKey: settings.secretKey ?? "" };
    this.client = new S3Client(config);
    this.endpointName = settings.endpoint ? `${settings.endpoint} (s3.endpoint)` : `AWS S3 in ${region}`;
    this.writer = new S3RecoverableWriter(this);
  }

  /** Runs one SDK call, translating its failure. */
  async call<T>(operation: string, uri: string, location: S3Location, run: () => Promise<T>): Promise<T> {
    try {
      return await run();
    } catch (error) {
      throw translateS3Error(error, { operation, uri, endpoint: this.endpointName, bucket: location.bucket });
    }
  }

  async write(uri: string, data: Uint8Array): Promise<void> {
    const loc = parseS3Uri(uri);
    await this.call("writing", uri, loc, () => this.client.send(new PutObjectCommand({ Bucket: loc.bucket, Key: loc.key, Body: data, ContentLength: data.byteLength })));
  }

  async read(uri: string): Promise<Buffer> {
    const loc = parseS3Uri(uri);
    return this.call("reading", uri, loc, async () => {
      const r = await this.client.send(new GetObjectCommand({ Bucket: loc.bucket, Key: loc.key }));
      return Buffer.from(await r.Body!.transformToByteArray());
    });
  }

  async readRange(uri: string, start: number, end: number): Promise<Buffer> {
    if (end <= start) return Buffer.alloc(0);
    const loc = parseS3Uri(uri);
    return this.call("reading", uri, loc, async () => {
      try {
        const r = await this.client.send(new GetObjectCommand({ Bucket: loc.bucket, Key: loc.key, Range: `bytes=${start}-${end - 1}` }));
        return Buffer.from(await r.Body!.transformToByteArray());
      } catch (error) {
        // A range that starts at or after the end of the object.
        if ((error as { $metadata?: { httpStatusCode?: number } }).$metadata?.httpStatusCode === 416) return Buffer.alloc(0);
        throw error;
      }
    });
  }

  async stat(uri: string): Promise<FileStatus | undefined> {
    const loc = parseS3Uri(uri);
    if (loc.key === "" || loc.key.endsWith("/")) return undefined;
    try {
      const r = await this.client.send(new HeadObjectCommand({ Bucket: loc.bucket, Key: loc.key }));
      return { uri, size: Number(r.ContentLength ?? 0) };
    } catch (error) {
      const e = translateS3Error(error, { operation: "looking up", uri, endpoint: this.endpointName, bucket: loc.bucket });
      if (e instanceof FileNotFoundError) return undefined;
      throw e;
    }
  }

  async list(dirUri: string): Promise<FileStatus[]> {
    const loc = parseS3Uri(dirUri);
    const prefix = dirPrefix(loc.key);
    const out: FileStatus[] = [];
    let token: string | undefined;
    do {
      const page = await this.call("listing", dirUri, loc, () =>
        this.client.send(new ListObjectsV2Command({ Bucket: loc.bucket, Prefix: prefix, ContinuationToken: token })),
      );
      for (const o of page.Contents ?? []) {
        if (!o.Key || o.Key.endsWith("/")) continue;
        out.push({ uri: joinUri(dirUri, o.Key.slice(prefix.length)), size: Number(o.Size ?? 0) });
      }
      token = page.IsTruncated ? page.NextContinuationToken : undefined;
    } while (token);
    return out.sort((a, b) => (a.uri < b.uri ? -1 : a.uri > b.uri ? 1 : 0));
  }

  async delete(uri: string): Promise<void> {
    await this.deleteKeys(uri, parseS3Uri(uri), [parseS3Uri(uri).key]);
  }

  async deleteRecursive(dirUri: string): Promise<void> {
    const loc = parseS3Uri(dirUri);
    const files = await this.list(dirUri);
    await this.deleteKeys(dirUri, loc, files.map((f) => parseS3Uri(f.uri).key));
  }

  private async deleteKeys(uri: string, loc: S3Location, keys: string[]): Promise<void> {
    // DeleteObjects takes at most 1000 keys; deleting a missing key is not an error in S3.
    for (let i = 0; i < keys.length; i += 1000) {
      const batch = keys.slice(i, i + 1000);
      const r = await this.call("deleting", uri, loc, () =>
        this.client.send(new DeleteObjectsCommand({ Bucket: loc.bucket, Delete: { Objects: batch.map((Key) => ({ Key })), Quiet: true } })),
      );
      const failed = r.Errors?.[0];
      if (failed) throw translateS3Error(Object.assign(new Error(failed.Message ?? "delete failed"), { name: failed.Code ?? "DeleteFailed", $metadata: {} }), { operation: "deleting", uri: s3Uri(loc.bucket, failed.Key ?? ""), endpoint: this.endpointName, bucket: loc.bucket });
    }
  }

  recoverableWriter(): RecoverableWriter {
    return this.writer;
  }

  async close(): Promise<void> {
    this.client.destroy();
  }
}
