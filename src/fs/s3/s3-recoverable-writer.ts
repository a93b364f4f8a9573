/**
 * Recoverable writes on S3 (recoverable-writer.ts) with multipart uploads: a file is one upload,
 * created when the file is opened, its parts uploaded in the background as `s3.upload.min.part.size`
 * bytes arrive; closeForCommit uploads the rest and returns the upload id with the parts' ETags —
 * the pre-committed transaction. Only CompleteMultipartUpload makes the object exist, so nothing
 * partial is ever listed; aborting the upload deletes its parts. Uploads begun and never committed
 * (a crash) are found again with ListMultipartUploads under the directory and aborted.
 */
import {
  AbortMultipartUploadCommand,
  CompleteMultipartUploadCommand,
  CreateMultipartUploadCommand,
  ListMultipartUploadsCommand,
  UploadPartCommand,
} from "@aws-sdk/client-s3";
import { baseName, FileSystemError, joinUri } from "../file-system.js";
import type { Committable, RecoverableOutput, RecoverableWriter } from "../recoverable-writer.js";
import { isNoSuchUpload } from "./s3-errors.js";
import type { S3FileSystem } from "./s3-file-system.js";
import { dirPrefix, parseS3Uri, type S3Location } from "./s3-uri.js";

interface UploadedPart {
  PartNumber: number;
  ETag: string;
}

interface S3Committable extends Committable {
  readonly uploadId: string;
  readonly parts: readonly UploadedPart[];
}

/** Parts uploading at once per file before writes wait. */
const MAX_PARTS_IN_FLIGHT = 2;

export class S3RecoverableWriter implements RecoverableWriter {
  constructor(private readonly fs: S3FileSystem) {}

  open(target: string): RecoverableOutput {
    return new S3Output(this.fs, target);
  }

  async commit(committable: Committable): Promise<void> {
    const { target, uploadId, parts } = committable as S3Committable;
    const loc = parseS3Uri(target);
    try {
      await this.fs.client.send(
        new CompleteMultipartUploadCommand({ Bucket: loc.bucket, Key: loc.key, UploadId: uploadId, MultipartUpload: { Parts: parts.map((p) => ({ ...p })) } }),
      );
    } catch (error) {
      // Committed before (a restore commits again), or lost: only the object tells them apart
      // (target names are never reused, so only this upload can have made it).
      if (await this.fs.stat(target).catch(() => undefined)) return;
      if (isNoSuchUpload(error)) {
        throw new FileSystemError(`cannot commit ${target}: its multipart upload ${uploadId} no longer exists and the object was never completed`, { cause: error });
      }
      const translated = await this.fs.call("committing", target, loc, () => Promise.reject(error)).catch((e: Error) => e);
      throw new FileSystemError(`cannot commit ${target}: ${translated.message}`, { cause: translated });
    }
  }

  async abort(committable: Committable): Promise<void> {
    const { target, uploadId } = committable as S3Committable;
    await abortUpload(this.fs, target, parseS3Uri(target), uploadId);
  }

  async abandoned(dirUri: string, targetFilter: (targetName: string) => boolean): Promise<Committable[]> {
    const loc = parseS3Uri(dirUri);
    const prefix = dirPrefix(loc.key);
    const out: S3Committable[] = [];
    let keyMarker: string | undefined;
    let uploadIdMarker: string | undefined;
    for (;;) {
      const page = await this.fs.call("listing the multipart uploads of", dirUri, loc, () =>
        this.fs.client.send(new ListMultipartUploadsCommand({ Bucket: loc.bucket, Prefix: prefix, KeyMarker: keyMarker, UploadIdMarker: uploadIdMarker })),
      );
      for (const u of page.Uploads ?? []) {
        if (!u.Key || !u.UploadId) continue;
        const name = u.Key.slice(prefix.length);
        // Only files directly in the directory, as the local writer sees them.
        if (name.includes("/") || !targetFilter(name)) continue;
        out.push({ target: joinUri(dirUri, name), uploadId: u.UploadId, parts: [] });
      }
      if (!page.IsTruncated) return out;
      keyMarker = page.NextKeyMarker;
      uploadIdMarker = page.NextUploadIdMarker;
    }
  }
}

async function abortUpload(fs: S3FileSystem, target: string, loc: S3Location, uploadId: string): Promise<void> {
  try {
    await fs.client.send(new AbortMultipartUploadCommand({ Bucket: loc.bucket, Key: loc.key, UploadId: uploadId }));
  } catch (error) {
    if (isNoSuchUpload(error)) return;
    throw await fs.call("aborting the upload of", target, loc, () => Promise.reject(error)).catch((e: Error) => e);
  }
}

class S3Output implements RecoverableOutput {
  private readonly loc: S3Location;
  private readonly uploadId: Promise<string>;
  private chunks: Uint8Array[] = [];
  private buffered = 0;
  private uploadedBytes = 0;
  private readonly parts: UploadedPart[] = [];
  private partsStarted = 0;
  private readonly inFlight = new Set<Promise<void>>();
  private failure: Error | undefined;

  constructor(
    private readonly fs: S3FileSystem,
    private readonly target: string,
  ) {
    this.loc = parseS3Uri(target);
    this.uploadId = fs.call("starting an upload to", target, this.loc, async () => {
      const r = await fs.client.send(new CreateMultipartUploadCommand({ Bucket: this.loc.bucket, Key: this.loc.key }));
      return r.UploadId!;
    });
    this.uploadId.catch((e: Error) => (this.failure ??= e));
  }

  get position(): number {
    return this.uploadedBytes + this.buffered;
  }

  get isBackpressured(): boolean {
    return this.inFlight.size >= MAX_PARTS_IN_FLIGHT;
  }

  write(bytes: Uint8Array): void {
    if (this.failure) throw this.failure;
    this.chunks.push(bytes);
    this.buffered += bytes.byteLength;
    if (this.buffered >= this.fs.settings.minPartSize) this.uploadBuffered();
  }

  async whenWritable(): Promise<void> {
    while (this.isBackpressured) await Promise.race(this.inFlight);
    if (this.failure) throw this.failure;
  }

  async closeForCommit(): Promise<Committable> {
    // S3 needs at least one part; an empty file is one empty part.
    if (this.buffered > 0 || this.partsStarted === 0) this.uploadBuffered();
    await Promise.all([...this.inFlight]);
    if (this.failure) throw this.failure;
    const parts = [...this.parts].sort((a, b) => a.PartNumber - b.PartNumber);
    return { target: this.target, uploadId: await this.uploadId, parts } satisfies S3Committable;
  }

  async abort(): Promise<void> {
    await Promise.allSettled([...this.inFlight]);
    const id = await this.uploadId.catch(() => undefined);
    if (id) await abortUpload(this.fs, this.target, this.loc, id);
  }

  private uploadBuffered(): void {
    const body = this.chunks.length === 1 ? this.chunks[0]! : Buffer.concat(this.chunks);
    this.chunks = [];
    this.buffered = 0;
    this.uploadedBytes += body.byteLength;
    const partNumber = ++this.partsStarted;
    const upload = this.uploadId
      .then((uploadId) =>
        this.fs.call(`uploading part ${partNumber} of`, this.target, this.loc, () =>
          this.fs.client.send(new UploadPartCommand({ Bucket: this.loc.bucket, Key: this.loc.key, UploadId: uploadId, PartNumber: partNumber, Body: body, ContentLength: body.byteLength })),
        ),
      )
      .then((r) => void this.parts.push({ PartNumber: partNumber, ETag: r.ETag! }))
      .catch((e: Error) => void (this.failure ??= e))
      .finally(() => this.inFlight.delete(upload));
    this.inFlight.add(upload);
  }
}

