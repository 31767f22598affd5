/** Where a backup store lives: a local directory or an S3-compatible bucket under a prefix (pure domain type). */

/** How an S3 store is reached; credentials are referenced (a file and profile), never held. */
export interface S3Settings {
  /** Default: $AWS_REGION, else us-east-1 (the SDK's conventions). */
  region?: string;
  /** A custom endpoint (MinIO, Ceph …), e.g. `https://minio.local:9000`. */
  endpoint?: string;
  forcePathStyle?: boolean;
  /** Shared-credentials file (Velero's `--secret-file` format) and the profile within it. */
  credentialsFile?: string;
  profile?: string;
  /** PEM bundle to trust in addition to the system CAs. */
  caCertFile?: string;
  /** Velero's BackupStorageLocation key of the same name: accept any certificate (unsafe). */
  insecureSkipTLSVerify?: boolean;
}

/** A backup store laid out like a Velero BackupStorageLocation. */
export type StorageLocation =
  | { kind: 'local'; directory: string }
  | ({ kind: 's3'; bucket: string; prefix: string } & S3Settings);

/** A location, or why the text names none (a sentence to follow the text in a message). */
export type ParsedLocation = { ok: true; location: StorageLocation } | { ok: false; problem: string };

/**
 * Reads `s3://bucket[/prefix]` or a directory path; `s3` applies to an S3 location only. Other
 * URL schemes are refused rather than taken for a directory named `gs:`.
 */
export function parseStorageLocation(text: string, s3: S3Settings = {}): ParsedLocation {
  if (text.startsWith('s3://')) {
    const [bucket = '', ...prefix] = text.slice('s3://'.length).split('/');
    if (!bucket) return { ok: false, problem: 'missing bucket name (s3://bucket[/prefix])' };
    return { ok: true, location: { kind: 's3', bucket, prefix: prefix.join('/'), ...s3 } };
  }
  if (/^[a-z0-9]+:\/\//.test(text)) return { ok: false, problem: 'only directories and s3:// are supported' };
  return { ok: true, location: { kind: 'local', directory: text } };
}
