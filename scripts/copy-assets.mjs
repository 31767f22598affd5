// Copies non-TypeScript assets the compiled CLI reads at run time (the lab's CRDs, the S3 test server).
import { cpSync, mkdirSync, readdirSync } from 'node:fs';

mkdirSync('dist/test/env/crds', { recursive: true });
for (const f of readdirSync('test/env/crds').filter((f) => f.endsWith('.yaml')))
  cpSync(`test/env/crds/${f}`, `dist/test/env/crds/${f}`);
cpSync('test/env/s3-server.mjs', 'dist/test/env/s3-server.mjs');
