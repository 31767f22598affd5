// Runs s3rver (an S3-compatible server, see docs/adr/0003) as its own process on loopback.
// Args: JSON {directory, buckets[], accessKeyId, secretAccessKey, key?, cert?}; prints {"port"} when ready.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import S3rver from 's3rver';

const require = createRequire(import.meta.url);
const { DUMMY_ACCOUNT } = require('s3rver/lib/models/account.js');
const options = JSON.parse(process.argv[2]);
DUMMY_ACCOUNT.revokeAccessKey('S3RVER');
DUMMY_ACCOUNT.createKeyPair(options.accessKeyId, options.secretAccessKey);
const server = new S3rver({
  address: '127.0.0.1',
  port: 0,
  silent: true,
  directory: options.directory,
  vhostBuckets: false,
  configureBuckets: options.buckets.map((name) => ({ name })),
  ...(options.key && { key: readFileSync(options.key), cert: readFileSync(options.cert) }),
});
const { port } = await server.run();
process.stdout.write(`${JSON.stringify({ port })}\n`);
process.stdin.resume();
process.stdin.on('end', () => process.exit(0));
