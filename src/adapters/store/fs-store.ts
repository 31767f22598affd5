/** A local-directory object store laid out exactly like the bucket it stands in for. */
import { createReadStream, createWriteStream } from 'node:fs';
import { mkdir, readdir, readFile, rename, rm, rmdir, stat } from 'node:fs/promises';
import { dirname, join, relative, resolve, sep } from 'node:path';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { assertSafeKey, type ObjectStore, StoreError } from './object-store.js';

/** Stores objects as files under `root`; writes go to a temp file renamed into place. */
export class FsObjectStore implements ObjectStore {
  readonly location: string;
  private readonly root: string;

  constructor(root: string) {
    this.root = resolve(root);
    this.location = this.root;
  }

  async put(key: string, body: Buffer | string | Readable): Promise<void> {
    const path = this.pathOf(key);
    await mkdir(dirname(path), { recursive: true });
    const tmp = `${path}.tmp-${process.pid}-${Date.now()}`;
    try {
      const source = typeof body === 'string' || Buffer.isBuffer(body) ? Readable.from([body]) : body;
      await pipeline(source, createWriteStream(tmp, { mode: 0o600 }));
      await rename(tmp, path);
    } catch (err) {
      await rm(tmp, { force: true });
      await this.dropEmptyDirs(dirname(path));
      throw err instanceof StoreError
        ? err
        : new StoreError('store.io', `cannot write ${path}: ${(err as Error).message}`, { cause: err });
    }
  }

  async get(key: string): Promise<Readable> {
    const path = this.pathOf(key);
    await this.mustExist(key);
    return createReadStream(path);
  }

  async getBuffer(key: string): Promise<Buffer> {
    const path = this.pathOf(key);
    await this.mustExist(key);
    return readFile(path);
  }

  async exists(key: string): Promise<boolean> {
    return (await stat(this.pathOf(key)).catch(() => undefined))?.isFile() ?? false;
  }

  async *list(prefix: string): AsyncGenerator<string> {
    const keys: string[] = [];
    await this.walk(this.root, keys);
    for (const key of keys.sort()) if (key.startsWith(prefix)) yield key;
  }

  async listDirs(prefix: string): Promise<string[]> {
    const dir = prefix ? this.pathOf(prefix.replace(/\/$/, '')) : this.root;
    const entries = await readdir(dir, { withFileTypes: true }).catch(() => []);
    return entries
      .filter((e) => e.isDirectory())
      .map((e) => e.name)
      .sort();
  }

  async delete(key: string): Promise<void> {
    const path = this.pathOf(key);
    await rm(path, { force: true });
    await this.dropEmptyDirs(dirname(path));
  }

  // A bucket has no directories: drop the ones a delete or a failed write left empty, or
  // listDirs would still show them (as backups that cannot be read).
  private async dropEmptyDirs(from: string): Promise<void> {
    for (let dir = from; dir !== this.root && dir.startsWith(this.root + sep); dir = dirname(dir)) {
      const left = await readdir(dir).catch(() => ['?']);
      if (left.length > 0) break;
      await rmdir(dir).catch(() => undefined);
    }
  }

  private async walk(dir: string, out: string[]): Promise<void> {
    const entries = await readdir(dir, { withFileTypes: true }).catch(() => []);
    for (const e of entries) {
      const full = join(dir, e.name);
      if (e.isDirectory()) await this.walk(full, out);
      else if (e.isFile() && !e.name.includes('.tmp-'))
        out.push(relative(this.root, full).split(sep).join('/'));
    }
  }

  private async mustExist(key: string): Promise<void> {
    if (!(await this.exists(key)))
      throw new StoreError('store.not-found', `${key} not found in ${this.location}`);
  }

  private pathOf(key: string): string {
    assertSafeKey(key);
    const path = resolve(this.root, key);
    if (!path.startsWith(this.root + sep))
      throw new StoreError('store.invalid-key', `key ${key} escapes ${this.root}`);
    return path;
  }
}
