/** Reads a backup tarball end to end and summarises it (validates every entry on the way). */
import type { Readable } from 'node:stream';
import { type BackupItem, readBackup } from '../format/index.js';
import { formatApiVersion } from '../model/resource-key.js';

/** What a tarball holds. */
export interface TarballSummary {
  formatVersion: string | undefined;
  items: number;
  duplicatesSkipped: number;
  /** `<group/version>/<Kind>` → count, like the resource list. */
  byType: Record<string, number>;
  namespaces: string[];
  /** Per object (when requested): `<group/version>/<Kind> ns/name`. */
  objects?: string[];
}

/** Streams the tarball once; throws a FormatError naming the entry on the first bad one. */
export async function inspectTarball(
  source: Readable,
  options: { listObjects?: boolean } = {},
): Promise<TarballSummary> {
  const reader = readBackup(source);
  const byType: Record<string, number> = {};
  const namespaces = new Set<string>();
  const objects: string[] = [];
  for await (const item of reader) {
    const type = typeKey(item);
    byType[type] = (byType[type] ?? 0) + 1;
    if (item.namespace) namespaces.add(item.namespace);
    if (options.listObjects)
      objects.push(`${type} ${item.namespace ? `${item.namespace}/` : ''}${item.name}`);
  }
  return {
    formatVersion: reader.formatVersion,
    items: reader.stats.items,
    duplicatesSkipped: reader.stats.duplicates,
    byType: Object.fromEntries(Object.entries(byType).sort(([a], [b]) => a.localeCompare(b))),
    namespaces: [...namespaces].sort(),
    ...(options.listObjects && { objects: objects.sort() }),
  };
}

function typeKey(item: BackupItem): string {
  return `${formatApiVersion(item.group, item.version)}/${item.object.kind}`;
}
