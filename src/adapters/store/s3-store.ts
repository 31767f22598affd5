/** An S3-compatible object store (AWS, MinIO, Ceph …) under a bucket and optional prefix. */
import { readFileSync } from 'node:fs';
import { Agent } from 'node:https';
import type { Readable } from 'node:stream';
import {
  DeleteObjectCommand,
  GetObjectCommand,
  HeadObjectCommand,
  ListObjectsV2Command,
  S3Client,
  type S3ClientConfig,
} from '@aws-sdk/client-s3';
import { fromIni } from '@aws-sdk/credential-provider-ini';
import { Upload } from '@aws-sdk/lib-storage';
import { NodeHttpHandler } from '@smithy/node-http-handler';
import type { S3Settings } from '../../backup/storage-location.js';
import { assertSafeKey, type ObjectStore, StoreError } from './object-store.js';

/** The bucket, prefix and the domain's S3 settings (mirroring a Velero BackupStorageLocation's AWS config). */
export interface S3StoreConfig extends S3Settings {
  bucket: string;
  prefix?: string;
}

/** S3 store; credentials follow the AWS conventions (env vars, shared file, profile). */
export class S3ObjectStore implements ObjectStore {
  readonly location: string;
  private readonly client: S3Client;
  private readonly prefix: string;

  constructor(private readonly config: S3StoreConfig) {
    this.prefix = config.prefix ? `${config.prefix.replace(/^\/+|\/+$/g, '')}/` : '';
    this.location = `s3://${config.bucket}/${this.prefix}`;
    silenceSdkNodeVersionNotice();
    this.client = new S3Client(clientConfig(config));
  }

  async put(key: string, body: Buffer | string | Readable): Promise<void> {
    await this.call(`write ${key}`, async () => {
      // Upload streams in parts, so a multi-GiB tarball never sits in memory.
      const upload = new Upload({
        client: this.client,
        params: { Bucket: this.config.bucket, Key: this.fullKey(key), Body: body },
      });
      await upload.done();
    });
  }

  async get(key: string): Promise<Readable> {
    return this.call(`read ${key}`, async () => {
      const out = await this.client.send(
        new GetObjectCommand({ Bucket: this.config.bucket, Key: this.fullKey(key) }),
      );
      return out.Body as Readable;
    });
  }

  async getBuffer(key: string): Promise<Buffer> {
    const stream = await this.get(key);
    const chunks: Buffer[] = [];
    for await (const chunk of stream) chunks.push(chunk as Buffer);
    return Buffer.concat(chunks);
  }

  async exists(key: string): Promise<boolean> {
    try {
      await this.call(`check ${key}`, () =>
        this.client.send(new HeadObjectCommand({ Bucket: this.config.bucket, Key: this.fullKey(key) })),
      );
      return true;
    } catch (err) {
      if (err instanceof StoreError && err.code === 'store.not-found') return false;
      throw err;
    }
  }

  async *list(prefix: string): AsyncGenerator<string> {
    let token: string | undefined;
    do {
      const page = await this.call(`list ${prefix}`, () =>
        this.client.send(
          new ListObjectsV2Command({
            Bucket: this.config.bucket,
            Prefix: this.prefix + prefix,
            ContinuationToken: token,
          }),
        ),
      );
      for (const obj of page.Contents ?? []) if (obj.Key) yield obj.Key.slice(this.prefix.length);
      token = page.IsTruncated ? page.NextContinuationToken : undefined;
    } while (token);
  }

  async listDirs(prefix: string): Promise<string[]> {
    const dirs: string[] = [];
    let token: string | undefined;
    do {
      const page = await this.call(`list ${prefix}`, () =>
        this.client.send(
          new ListObjectsV2Command({
            Bucket: this.config.bucket,
            Prefix: this.prefix + prefix,
            Delimiter: '/',
            ContinuationToken: token,
          }),
        ),
      );
      for (const p of page.CommonPrefixes ?? [])
        if (p.Prefix) dirs.push(p.Prefix.slice(this.prefix.length + prefix.length).replace(/\/$/, ''));
      token = page.IsTruncated ? page.NextContinuationToken : undefined;
    } while (token);
    return dirs.sort();
  }

  async delete(key: string): Promise<void> {
    await this.call(`delete ${key}`, () =>
      this.client.send(new DeleteObjectCommand({ Bucket: this.config.bucket, Key: this.fullKey(key) })),
    );
  }

  /** Releases sockets. */
  close(): void {
    this.client.destroy();
  }

  private fullKey(key: string): string {
    assertSafeKey(key);
    return this.prefix + key;
  }

  private async call<T>(what: string, fn: () => Promise<T>): Promise<T> {
    try {
      return await fn();
    } catch (err) {
      throw toStoreError(err, `${what} in ${this.location}`);
    }
  }
}

/**
 * On Node < 22 the SDK prints, at every client's creation, that its releases after the first week of
 * January 2027 need Node 22. That is a note for whoever picks the SDK version, which Driftline pins
 * (docs/adr/0009-runtime-node.md), not for a user running a backup, so it is turned off with the
 * SDK's documented switch (aws-sdk-js-v3#7983), unless the user set that variable themselves.
 */
function silenceSdkNodeVersionNotice(): void {
  process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';
}

function clientConfig(config: S3StoreConfig): S3ClientConfig {
  const agentOptions = {
    keepAlive: true,
    ca: config.caCertFile ? readFileSync(config.caCertFile, 'utf8') : undefined,
    rejectUnauthorized: !config.insecureSkipTLSVerify,
  };
  return {
    region: config.region ?? process.env.AWS_REGION ?? 'us-east-1',
    endpoint: config.endpoint,
    forcePathStyle: config.forcePathStyle ?? Boolean(config.endpoint),
    credentials: config.credentialsFile
      ? fromIni({ filepath: config.credentialsFile, profile: config.profile })
      : undefined,
    // Many S3-compatible servers reject the SDK's default trailing CRC checksums (aws-chunked).
    requestChecksumCalculation: config.endpoint ? 'WHEN_REQUIRED' : 'WHEN_SUPPORTED',
    responseChecksumValidation: config.endpoint ? 'WHEN_REQUIRED' : 'WHEN_SUPPORTED',
    requestHandler: new NodeHttpHandler({
      httpsAgent: new Agent(agentOptions),
      connectionTimeout: 10_000,
      requestTimeout: 120_000,
    }),
    maxAttempts: 4,
  };
}

function toStoreError(err: unknown, what: string): StoreError {
  if (err instanceof StoreError) return err;
  const e = err as {
    name?: string;
    code?: string;
    $metadata?: { httpStatusCode?: number };
    message?: string;
  };
  const status = e.$metadata?.httpStatusCode;
  if (status === 404 || e.name === 'NoSuchKey' || e.name === 'NotFound')
    return new StoreError('store.not-found', `${what}: not found`);
  if (e.name === 'NoSuchBucket') return new StoreError('store.config', `${what}: bucket does not exist`);
  if (status === 403 || status === 401 || /credential|signature|accesskey/i.test(e.name ?? '')) {
    return new StoreError(
      'store.auth',
      `${what}: access denied (${e.name ?? status}); check the credentials`,
      { cause: err },
    );
  }
  if (e.code && /ECONNREFUSED|ENOTFOUND|ETIMEDOUT|ECONNRESET|CERT|TLS/.test(e.code)) {
    return new StoreError('store.unreachable', `${what}: ${e.code}`, { cause: err });
  }
  return new StoreError('store.io', `${what}: ${e.name ?? ''} ${e.message ?? String(err)}`.trim(), {
    cause: err,
  });
}
