/** Velero's object-store and tarball layout: the one module that knows how keys and entry paths look. */
import { groupResource, parseGroupResource } from '../model/resource-key.js';
import { FormatError } from './errors.js';

/** The only directories Velero allows at the top of a backup storage location (under the prefix). */
export const TOP_LEVEL_DIRS = ['backups', 'restores', 'restic', 'kopia', 'metadata', 'plugins'] as const;

/** One of Velero's top-level store directories. */
export type TopLevelDir = (typeof TOP_LEVEL_DIRS)[number];

/** The tarball format version Driftline writes. */
export const FORMAT_VERSION = '1.1.0';

/** Tarball format versions Driftline reads: `1` (Velero ≤1.3) and `1.1.0`. */
export const SUPPORTED_FORMAT_VERSIONS: readonly string[] = ['1', FORMAT_VERSION];

/** Path of the tarball entry holding the format version; always the first entry Velero writes. */
export const VERSION_ENTRY_PATH = 'metadata/version';

/** Top-level tarball directory holding every backed-up item. */
export const RESOURCES_DIR = 'resources';

const CLUSTER_SCOPE_DIR = 'cluster';
const NAMESPACE_SCOPE_DIR = 'namespaces';
const PREFERRED_VERSION_SUFFIX = '-preferredversion';
const ITEM_EXTENSION = '.json';

const DNS_LABEL = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/;
const DNS_SUBDOMAIN = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$/;
const VERSION_NAME = /^[a-z]([-a-z0-9]*[a-z0-9])?$/;

/** Every object-store key of one backup (`<prefix>backups/<n>/…`). */
export interface BackupKeys {
  dir: string;
  metadata: string;
  contents: string;
  logs: string;
  resourceList: string;
  results: string;
  podVolumeBackups: string;
  volumeSnapshots: string;
  itemOperations: string;
  volumeInfo: string;
}

/** Every object-store key of one restore (`<prefix>restores/<n>/…`). */
export interface RestoreKeys {
  dir: string;
  /** Driftline's addition: the Restore object (Velero keeps it in the cluster only). */
  metadata: string;
  results: string;
  resourceList: string;
  logs: string;
}

/** Maps backup and restore names to keys in one backup storage location. */
export interface StoreLayout {
  /** The normalised prefix: `''` or `a/b/`. */
  readonly prefix: string;
  /** `<prefix><dir>/`, e.g. `velero/backups/`. */
  dirKey(dir: TopLevelDir): string;
  /** Keys of backup `name`; throws `format.invalid-name` for names that are not DNS-1123 subdomains. */
  backupKeys(name: string): BackupKeys;
  /** Keys of restore `name`; same name rules as backups. */
  restoreKeys(name: string): RestoreKeys;
  /** `<prefix>metadata/revision`, which Velero rewrites whenever the store changes. */
  revisionKey(): string;
  /** The backup a key belongs to (`<prefix>backups/<n>/…`), or undefined for any other key. */
  backupNameOf(key: string): string | undefined;
}

/** True when `name` is a valid backup or restore name (DNS-1123 subdomain, at most 253 characters). */
export function isValidBackupName(name: string): boolean {
  return name.length <= 253 && DNS_SUBDOMAIN.test(name);
}

/** Returns `name` when it is a valid backup or restore name; such a name never holds `/` or `..`. */
export function validateBackupName(name: string): string {
  if (!isValidBackupName(name)) {
    throw new FormatError(
      'format.invalid-name',
      `invalid backup name ${JSON.stringify(name)}: must be a lower-case DNS-1123 subdomain`,
    );
  }
  return name;
}

/** Normalises a store prefix to `''` or `a/b/`, rejecting absolute paths, `.`/`..` and empty segments. */
export function normalizePrefix(prefix: string): string {
  const trimmed = prefix.replace(/\/+$/, '');
  if (trimmed === '') return '';
  const segments = trimmed.split('/');
  if (segments.some((s) => s === '' || s === '.' || s === '..' || s.includes('\\'))) {
    throw new FormatError('format.invalid-name', `invalid store prefix ${JSON.stringify(prefix)}`);
  }
  return `${trimmed}/`;
}

/** Creates the layout of a backup storage location rooted at an optional prefix. */
export function createStoreLayout(prefix = ''): StoreLayout {
  const root = normalizePrefix(prefix);
  const dirKey = (dir: TopLevelDir): string => `${root}${dir}/`;
  return {
    prefix: root,
    dirKey,
    backupKeys(name: string): BackupKeys {
      const dir = `${dirKey('backups')}${validateBackupName(name)}/`;
      const base = `${dir}${name}`;
      return {
        dir,
        metadata: `${dir}velero-backup.json`,
        contents: `${base}.tar.gz`,
        logs: `${base}-logs.gz`,
        resourceList: `${base}-resource-list.json.gz`,
        results: `${base}-results.gz`,
        podVolumeBackups: `${base}-podvolumebackups.json.gz`,
        volumeSnapshots: `${base}-volumesnapshots.json.gz`,
        itemOperations: `${base}-itemoperations.json.gz`,
        volumeInfo: `${base}-volumeinfo.json.gz`,
      };
    },
    restoreKeys(name: string): RestoreKeys {
      const dir = `${dirKey('restores')}${validateBackupName(name)}/`;
      return {
        dir,
        results: `${dir}restore-${name}-results.gz`,
        resourceList: `${dir}restore-${name}-resource-list.json.gz`,
        logs: `${dir}restore-${name}-logs.gz`,
        metadata: `${dir}restore-${name}.json`,
      };
    },
    revisionKey: (): string => `${dirKey('metadata')}revision`,
    backupNameOf(key: string): string | undefined {
      const backups = dirKey('backups');
      if (!key.startsWith(backups)) return undefined;
      const name = key.slice(backups.length).split('/')[0] ?? '';
      return isValidBackupName(name) ? name : undefined;
    },
  };
}

/** The file name `velero backup download <n>` saves the raw tarball as. */
export function downloadFileName(name: string): string {
  return `${validateBackupName(name)}-data.tar.gz`;
}

/** Where one copy of an item sits inside the tarball. */
export interface ItemPathParts {
  /** Plural resource name, e.g. `secrets`, `clusters`. */
  resource: string;
  /** API group; `''` for the core group. */
  group: string;
  /** The version directory; undefined for the unversioned copy. */
  version: string | undefined;
  /** True for the unversioned and `<v>-preferredversion` copies, false for other `<v>/` copies. */
  preferred: boolean;
  /** `''` for cluster-scoped items. */
  namespace: string;
  name: string;
}

/** Builds `resources/<resource>[.<group>]/[<v>-preferredversion/|<v>/]{cluster|namespaces/<ns>}/<name>.json`. */
export function itemPath(parts: ItemPathParts): string {
  checkItemParts(parts, undefined);
  const versionDir =
    parts.version === undefined
      ? []
      : [parts.preferred ? `${parts.version}${PREFERRED_VERSION_SUFFIX}` : parts.version];
  const scope = parts.namespace ? [NAMESPACE_SCOPE_DIR, parts.namespace] : [CLUSTER_SCOPE_DIR];
  const segments = [RESOURCES_DIR, groupResource(parts), ...versionDir, ...scope];
  return `${segments.join('/')}/${parts.name}${ITEM_EXTENSION}`;
}

/**
 * `itemPath` for many items of one resource, version and namespace: the directory is built and
 * validated once, so each item costs only its name check (two paths per item in a backup).
 */
export function itemPathBuilder(parts: Omit<ItemPathParts, 'name'>): (name: string) => string {
  const placeholder = 'x';
  const directory = itemPath({ ...parts, name: placeholder }).slice(
    0,
    -`${placeholder}${ITEM_EXTENSION}`.length,
  );
  return (name) => {
    if (!isSafeObjectName(name))
      throw new FormatError(
        'format.invalid-name',
        `cannot build item path: invalid object name ${JSON.stringify(name)}`,
      );
    return `${directory}${name}${ITEM_EXTENSION}`;
  };
}

/** True when a tarball entry path lies under `resources/` and so must be an item. */
export function isUnderResources(path: string): boolean {
  return path.startsWith(`${RESOURCES_DIR}/`);
}

/** Parses an item path; throws `format.invalid-path` naming the entry when it does not follow the layout. */
export function parseItemPath(path: string): ItemPathParts {
  const segments = path.split('/');
  const invalid = (why: string): FormatError =>
    new FormatError('format.invalid-path', `entry ${JSON.stringify(path)}: ${why}`, { entry: path });
  if (segments[0] !== RESOURCES_DIR || segments.length < 4) throw invalid('not an item path');
  const { resource, group } = parseGroupResource(segments[1] ?? '');
  let index = 2;
  let version: string | undefined;
  let preferred = true;
  const third = segments[2] ?? '';
  if (third !== CLUSTER_SCOPE_DIR && third !== NAMESPACE_SCOPE_DIR) {
    preferred = third.endsWith(PREFERRED_VERSION_SUFFIX);
    version = preferred ? third.slice(0, -PREFERRED_VERSION_SUFFIX.length) : third;
    index = 3;
  }
  const scope = segments[index];
  const namespace = scope === NAMESPACE_SCOPE_DIR ? (segments[index + 1] ?? '') : '';
  if (scope === NAMESPACE_SCOPE_DIR && namespace === '') throw invalid('empty namespace');
  const fileIndex = scope === NAMESPACE_SCOPE_DIR ? index + 2 : index + 1;
  if (scope !== CLUSTER_SCOPE_DIR && scope !== NAMESPACE_SCOPE_DIR)
    throw invalid('missing cluster/namespaces scope');
  if (segments.length !== fileIndex + 1) throw invalid('unexpected number of path segments');
  const file = segments[fileIndex] ?? '';
  if (!file.endsWith(ITEM_EXTENSION)) throw invalid(`item file must end in ${ITEM_EXTENSION}`);
  const parts = {
    resource,
    group,
    version,
    preferred,
    namespace,
    name: file.slice(0, -ITEM_EXTENSION.length),
  };
  checkItemParts(parts, path);
  return parts;
}

function checkItemParts(parts: ItemPathParts, path: string | undefined): void {
  const problem = itemPartsProblem(parts);
  if (problem === undefined) return;
  if (path === undefined) throw new FormatError('format.invalid-name', `cannot build item path: ${problem}`);
  throw new FormatError('format.invalid-path', `entry ${JSON.stringify(path)}: ${problem}`, { entry: path });
}

function itemPartsProblem(p: ItemPathParts): string | undefined {
  if (!DNS_LABEL.test(p.resource)) return `invalid resource ${JSON.stringify(p.resource)}`;
  if (p.group !== '' && !DNS_SUBDOMAIN.test(p.group)) return `invalid group ${JSON.stringify(p.group)}`;
  if (p.version === undefined && !p.preferred) return 'an unversioned copy is always the preferred version';
  if (
    p.version !== undefined &&
    (!VERSION_NAME.test(p.version) || p.version === CLUSTER_SCOPE_DIR || p.version === NAMESPACE_SCOPE_DIR)
  ) {
    return `invalid version ${JSON.stringify(p.version)}`;
  }
  if (p.namespace !== '' && !DNS_LABEL.test(p.namespace))
    return `invalid namespace ${JSON.stringify(p.namespace)}`;
  if (!isSafeObjectName(p.name)) return `invalid object name ${JSON.stringify(p.name)}`;
  return undefined;
}

// Object names are path segments (RBAC names may hold `:` and more), so only what could escape is banned.
function isSafeObjectName(name: string): boolean {
  return (
    name !== '' &&
    name !== '.' &&
    name !== '..' &&
    name.length <= 1024 &&
    !/[/\\]/.test(name) &&
    !name.includes('\0')
  );
}
