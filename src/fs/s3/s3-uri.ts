/** `s3://bucket/key` URIs, checked so that a typo fails with a message that shows the expected form. */
import { FileSystemError, registerErrorClass } from "../file-system-errors.js";

export class MalformedUriError extends FileSystemError {}
registerErrorClass(MalformedUriError);

export interface S3Location {
  bucket: string;
  /** The key, without a leading slash; "" for the bucket's root. */
  key: string;
}

/** S3's bucket naming rules (3–63 characters of lower-case letters, digits, dots and hyphens). */
const BUCKET = /^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$/;

export function parseS3Uri(uri: string): S3Location {
  const m = /^s3a?:\/\/([^/]*)(?:\/(.*))?$/.exec(uri);
  if (!m) throw new MalformedUriError(`"${uri}" is not an S3 URI: expected s3://<bucket>/<path>`);
  const bucket = m[1]!;
  if (!BUCKET.test(bucket)) {
    throw new MalformedUriError(`"${uri}" has no valid bucket name ("${bucket}"): expected s3://<bucket>/<path>, the bucket 3-63 lower-case letters, digits, dots or hyphens`);
  }
  const key = (m[2] ?? "").replace(/^\/+/, "");
  if (key.split("/").some((s) => s === "." || s === "..")) throw new MalformedUriError(`"${uri}" contains "." or ".." segments, which S3 keys do not resolve`);
  return { bucket, key };
}

export function s3Uri(bucket: string, key: string): string {
  return `s3://${bucket}/${key}`;
}

/** The key of a "directory": empty, or ending in one slash. */
export function dirPrefix(key: string): string {
  const k = key.replace(/\/+$/, "");
  return k === "" ? "" : `${k}/`;
}
