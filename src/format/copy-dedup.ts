/** Velero's two copies of every item, recognised from their paths so each item is parsed and yielded once. */
import { groupResource } from '../model/resource-key.js';
import { RESOURCES_DIR } from './layout.js';
import type { BackupItem } from './tar-reader.js';

/** The bounded de-duplication described on {@link BackupReader}: one held item plus a Set of identities. */
export class CopyDeduplicator {
  duplicates = 0;
  private readonly seen = new Set<string>();
  private held: { id: string; item: BackupItem; body: Buffer; twinPath: string } | undefined;

  /**
   * The identity of a copy from its path. The entry after a held unversioned copy is nearly
   * always its `<v>-preferredversion/` twin, so that path is compared first, before the pattern.
   */
  identityOf(path: string): { id: string; preferredVersion?: string } {
    const held = this.held;
    if (held && path === held.twinPath) return { id: held.id, preferredVersion: held.item.version };
    return copyIdentity(path);
  }

  /** Records the identity; false when a copy of it came before (one hash lookup, not two). */
  firstSighting(id: string): boolean {
    const before = this.seen.size;
    this.seen.add(id);
    return this.seen.size > before;
  }

  /** True when the unversioned copy held back has this identity. */
  isHeld(id: string): boolean {
    return this.held?.id === id;
  }

  /**
   * When this entry, the held item's preferred copy, has identical bytes (Velero writes both
   * copies from one buffer), reuses the parsed object instead of parsing again.
   */
  sameAsHeld(
    version: string,
    body: Buffer,
    path: string,
  ): { item: BackupItem; unversioned: boolean } | undefined {
    if (!this.held || !body.equals(this.held.body)) return undefined;
    return { item: { ...this.held.item, version, path }, unversioned: false };
  }

  /** Takes the next decoded copy (never a duplicate) and returns the items now ready to yield, in order. */
  push(id: string, item: BackupItem, unversioned: boolean, body: Buffer): BackupItem[] {
    if (this.held?.id === id && !unversioned) {
      this.held = undefined;
      return [item];
    }
    const ready = this.flush();
    if (unversioned) this.held = { id, item, body, twinPath: twinPathOf(item) };
    else ready.push(item);
    return ready;
  }

  /** Releases the held item, if any. */
  flush(): BackupItem[] {
    if (!this.held) return [];
    const { item } = this.held;
    this.held = undefined;
    return [item];
  }
}

const PREFERRED_SEGMENT = /\/([a-z][a-z0-9]*)-preferredversion\//;

// `resources/<gr>/<rest>` → `resources/<gr>/<version>-preferredversion/<rest>`.
function twinPathOf(item: BackupItem): string {
  const dir = `${RESOURCES_DIR}/${groupResource(item)}/`;
  return `${dir}${item.version}-preferredversion/${item.path.slice(dir.length)}`;
}

/**
 * A copy's identity straight from its (normalised) path, before any parsing: the unversioned and
 * `<v>-preferredversion/` copies of an item share one (the path without that segment); every
 * non-preferred `<v>/` copy keeps its own path. Paths are fully validated when first decoded.
 */
function copyIdentity(path: string): { id: string; preferredVersion?: string } {
  const m = PREFERRED_SEGMENT.exec(path);
  if (!m) return { id: path };
  return { id: path.slice(0, m.index) + path.slice(m.index + m[0].length - 1), preferredVersion: m[1] };
}
