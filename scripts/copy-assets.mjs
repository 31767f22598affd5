// Copies non-TypeScript assets the compiled CLI reads at run time: the lab's CRDs, which
// dist/src/lab/crds/index.js loads from its own folder (`driftline lab` and `driftline demo`).
import { cpSync, mkdirSync, readdirSync } from 'node:fs';

mkdirSync('dist/src/lab/crds', { recursive: true });
for (const f of readdirSync('src/lab/crds').filter((f) => f.endsWith('.yaml')))
  cpSync(`src/lab/crds/${f}`, `dist/src/lab/crds/${f}`);
