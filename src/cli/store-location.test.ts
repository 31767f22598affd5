import { describe, expect, it } from 'vitest';
import { storageLocationOf } from './store-location.js';

describe('storageLocationOf', () => {
  it('maps --store and the --s3-* flags to an S3 location', () => {
    const flags = {
      store: 's3://velero/prod',
      s3Region: 'eu-west-1',
      s3Endpoint: 'https://minio:9000',
      s3PathStyle: true,
      s3CredentialsFile: '/creds',
      s3Profile: 'backup',
      s3CaCert: '/ca.pem',
      s3InsecureSkipTlsVerify: true,
    };
    expect(storageLocationOf(flags, {})).toEqual({
      kind: 's3',
      bucket: 'velero',
      prefix: 'prod',
      region: 'eu-west-1',
      endpoint: 'https://minio:9000',
      forcePathStyle: true,
      credentialsFile: '/creds',
      profile: 'backup',
      caCertFile: '/ca.pem',
      insecureSkipTLSVerify: true,
    });
  });

  it('uses the default store without --store', () => {
    expect(storageLocationOf({}, { DRIFTLINE_STORE: '/backups' })).toEqual({
      kind: 'local',
      directory: '/backups',
    });
  });

  it('refuses a location it cannot name as a usage error naming the flag', () => {
    expect(() => storageLocationOf({ store: 'gs://b' }, {})).toThrow(
      '--store gs://b: only directories and s3:// are supported',
    );
  });
});
