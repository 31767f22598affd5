import { describe, expect, it } from 'vitest';
import { parseStorageLocation } from './storage-location.js';

describe('parseStorageLocation', () => {
  it.each([
    ['a directory', '/var/backups', { kind: 'local', directory: '/var/backups' }],
    ['a relative directory', 'backups', { kind: 'local', directory: 'backups' }],
    ['a bucket', 's3://velero', { kind: 's3', bucket: 'velero', prefix: '' }],
    ['a bucket and prefix', 's3://velero/prod/mgmt', { kind: 's3', bucket: 'velero', prefix: 'prod/mgmt' }],
  ])('reads %s', (_name, text, location) => {
    expect(parseStorageLocation(text)).toEqual({ ok: true, location });
  });

  it('carries the S3 settings into an S3 location only', () => {
    const s3 = { region: 'eu-west-1', endpoint: 'https://minio:9000', credentialsFile: '/creds' };
    expect(parseStorageLocation('s3://b/p', s3)).toEqual({
      ok: true,
      location: { kind: 's3', bucket: 'b', prefix: 'p', ...s3 },
    });
    expect(parseStorageLocation('/dir', s3)).toEqual({
      ok: true,
      location: { kind: 'local', directory: '/dir' },
    });
  });

  it.each([
    ['an S3 URL without a bucket', 's3://', 'missing bucket name (s3://bucket[/prefix])'],
    ['another scheme', 'gs://bucket', 'only directories and s3:// are supported'],
  ])('refuses %s', (_name, text, problem) => {
    expect(parseStorageLocation(text)).toEqual({ ok: false, problem });
  });
});
