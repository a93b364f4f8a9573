/**
 * The S3 file system's settings (Flink's keys of its S3 file systems). Without `s3.access-key` and
 * `s3.secret-key` the AWS SDK's default chain applies: AWS_ACCESS_KEY_ID / AWS_SECRET_ACCESS_KEY,
 * AWS_PROFILE with ~/.aws/credentials and ~/.aws/config, web identity, container and instance roles.
 */
import { options } from "../../config/config-option.js";

export const S3Options = {
  ENDPOINT: options.string({
    key: "s3.endpoint",
    default: undefined,
    description: 'The S3 endpoint URL, e.g. "http://127.0.0.1:9000" for an S3-compatible server; unset: AWS\'s endpoint for the region.',
  }),
  PATH_STYLE_ACCESS: options.boolean({
    key: "s3.path.style.access",
    default: false,
    description: "true: buckets in the path (http://host/bucket/key), as most S3-compatible servers want; false: virtual-hosted (http://bucket.host/key).",
  }),
  ACCESS_KEY: options.string({
    key: "s3.access-key",
    default: undefined,
    description: "The access key id; unset: the AWS SDK's default credential chain (environment variables, credential files, roles).",
  }),
  SECRET_KEY: options.string({
    key: "s3.secret-key",
    default: undefined,
    description: "The secret key belonging to s3.access-key. Never logged nor shown by the REST API.",
  }),
  REGION: options.string({
    key: "s3.endpoint.region",
    default: undefined,
    documentedDefault: "AWS_REGION, else us-east-1",
    description: "The region to sign requests for; unset: AWS_REGION / the AWS config file, else us-east-1.",
  }),
  MIN_PART_SIZE: options.bytes({
    key: "s3.upload.min.part.size",
    default: 5 * 1024 * 1024,
    min: 5 * 1024 * 1024,
    documentedDefault: "5 mb",
    description: "Size of the parts of multipart uploads (the file sink's part files): data is uploaded in parts of this size as it comes; S3's minimum is 5 MiB.",
  }),
  MAX_RETRIES: options.integer({
    key: "s3.max-retries",
    default: 3,
    min: 0,
    description: "How often a failed S3 request is retried (with backoff) before the operation fails; checkpoints that fail are retried by the next checkpoint.",
  }),
};
