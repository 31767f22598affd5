import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { CRD_DIR, crdFiles } from '../../scripts/generate-crds.js';

const dir = join(import.meta.dirname, '..', '..', CRD_DIR);

describe('deploy/crds', () => {
  it('holds exactly what `npm run generate:crds` writes from the zod schemas', () => {
    const generated = crdFiles();
    expect(readdirSync(dir).sort()).toEqual([...generated.keys()].sort());
    for (const [name, text] of generated) expect(readFileSync(join(dir, name), 'utf8'), name).toBe(text);
  });
});
