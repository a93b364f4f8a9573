/**
 * What an S3 failure means for the user: each error names the setting to fix (docs/checkpoints.md,
 * "Storage on S3"). The SDK's errors carry S3's error code in `name`, or a socket error `code` when
 * the endpoint cannot be reached.
 */
import { FileNotFoundError, FileSystemError } from "../file-system-errors.js";

const CREDENTIAL_CODES = new Set(["InvalidAccessKeyId", "SignatureDoesNotMatch", "InvalidToken", "ExpiredToken", "CredentialsProviderError", "AccessDenied", "InvalidClientTokenId"]);
const NETWORK_CODES = new Set(["ECONNREFUSED", "ECONNRESET", "ENOTFOUND", "EAI_AGAIN", "ETIMEDOUT", "EHOSTUNREACH", "ENETUNREACH", "EPIPE", "TimeoutError", "RequestTimeout"]);

export interface S3ErrorContext {
  operation: string;
  uri: string;
  endpoint: string;
  bucket: string;
}

function codeOf(error: unknown): string {
  const e = error as { name?: string; code?: string; Code?: string; cause?: { code?: string } };
  return e.code ?? e.cause?.code ?? e.Code ?? e.name ?? "";
}

export function isNotFound(error: unknown): boolean {
  const code = codeOf(error);
  const status = (error as { $metadata?: { httpStatusCode?: number } }).$metadata?.httpStatusCode;
  return code === "NoSuchKey" || code === "NotFound" || (status === 404 && code !== "NoSuchBucket" && code !== "NoSuchUpload");
}

export function isNoSuchUpload(error: unknown): boolean {
  return codeOf(error) === "NoSuchUpload";
}

/** The SDK's error as a FileSystemError whose message says what to fix. */
export function translateS3Error(error: unknown, ctx: S3ErrorContext): FileSystemError {
  if (error instanceof FileSystemError) return error;
  const code = codeOf(error);
  const status = (error as { $metadata?: { httpStatusCode?: number } }).$metadata?.httpStatusCode;
  const detail = `${code ? `${code}: ` : ""}${(error as Error).message ?? String(error)}${status ? ` (HTTP ${status})` : ""}`;
  const what = `${ctx.operation} ${ctx.uri}`;
  if (code === "NoSuchBucket") {
    return new FileSystemError(`${what} failed: the bucket "${ctx.bucket}" does not exist at ${ctx.endpoint}; create it, or fix the bucket in the s3:// URI`, { cause: error });
  }
  // A HEAD answer has no body, so a refusal there is only its status: 403.
  if (CREDENTIAL_CODES.has(code) || /credential/i.test(code) || status === 403) {
    return new FileSystemError(
      `${what} failed: S3 at ${ctx.endpoint} refused the credentials (${detail}); check s3.access-key and s3.secret-key, or the AWS credential chain (AWS_ACCESS_KEY_ID, AWS_SECRET_ACCESS_KEY, AWS_PROFILE, ~/.aws/credentials)`,
      { cause: error },
    );
  }
  if (NETWORK_CODES.has(code) || (error as { $metadata?: unknown }).$metadata === undefined) {
    return new FileSystemError(`${what} failed: cannot reach S3 at ${ctx.endpoint} (${detail}); check s3.endpoint and that the server is running`, { cause: error });
  }
  if (isNotFound(error)) return new FileNotFoundError(`${ctx.uri} does not exist`, { cause: error });
  return new FileSystemError(`${what} failed: ${detail}`, { cause: error });
}
