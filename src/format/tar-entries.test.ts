import { describe, expect, it } from 'vitest';
import { chunkedSource } from '../../test/support/format/streams.js';
import { tarball } from '../../test/support/format/tar-builder.js';
import { normalizeEntryPath, readTarEntries } from './tar-entries.js';

describe('entry paths', () => {
  it.each([
    ['metadata/version', 'metadata/version'],
    ['./metadata/version', 'metadata/version'],
    ['resources//secrets/./x.json', 'resources/secrets/x.json'],
    ['resources/', 'resources'],
    ['.', ''],
  ])('normalises %j to %j', (raw, path) => {
    expect(normalizeEntryPath(raw)).toBe(path);
  });

  it.each(['/abs', '../x', 'a/../../x', 'a/..', 'C:/x', 'a\\b', 'a\0b'])('refuses %j', (raw) => {
    expect(() => normalizeEntryPath(raw)).toThrow(
      expect.objectContaining({ code: 'format.unsafe-path', entry: raw }),
    );
  });
});

describe('tar entries', () => {
  it('yields regular files only, skipping directories and applying PAX and GNU long names', async () => {
    const long = `resources/${'x'.repeat(150)}/y.json`;
    const tar = tarball()
      .entry({ path: './resources/', typeflag: '5' })
      .file('./metadata/version', '1\n')
      .paxFile(long, 'pax')
      .gnuLongNameFile(`${long}.gnu`, 'gnu')
      .file('after', 'plain')
      .end()
      .toTar();
    const seen: Array<[string, string]> = [];
    for await (const entry of readTarEntries(chunkedSource(tar, 100), { maxEntryBytes: 1024 })) {
      seen.push([entry.path, entry.body.toString()]);
    }
    expect(seen).toEqual([
      ['metadata/version', '1\n'],
      [long, 'pax'],
      [`${long}.gnu`, 'gnu'],
      ['after', 'plain'],
    ]);
  });
});
