/** Keeps a journal in ConfigMaps of the target cluster: one header, entries sharded into parts under 1 MiB. */
import { createHash } from 'node:crypto';
import type { Applier, Creator, Getter, ResourceRef } from '../../adapters/kube/interfaces.js';
import { ensureNamespace } from '../../adapters/kube/namespaces.js';
import { JOURNAL_LABEL, JOURNAL_NAMESPACE } from '../filters.js';
import {
  decodeEntries,
  decodeHeader,
  encodeEntries,
  encodeHeader,
  type JournalEntry,
  type JournalHeader,
  type JournalKind,
} from './codec.js';

/** The calls a ConfigMap journal needs. */
export type JournalClient = Getter & Applier & Creator;

const CONFIGMAPS: ResourceRef = { group: '', version: 'v1', resource: 'configmaps', namespaced: true };
const HEADER_KEY = 'journal.json';
const ENTRIES_KEY = 'entries.json.gz';
const FIELD_MANAGER = 'driftline';

/** One stored part: its index and its entries. */
export interface JournalPart {
  index: number;
  entries: JournalEntry[];
}

/** Where a journal lives and how it is read and written. */
export interface JournalStore {
  /** `driftline-system/driftline-restore-<name>`, for messages. */
  readonly location: string;
  load(): Promise<{ header: JournalHeader; parts: JournalPart[] } | undefined>;
  saveHeader(header: JournalHeader): Promise<void>;
  savePart(index: number, entries: readonly JournalEntry[]): Promise<void>;
}

/** The header ConfigMap's name: `driftline-<kind>-<name>`, hashed down when too long. */
export function journalConfigMapName(kind: JournalKind, name: string): string {
  const full = `driftline-${kind}-${name}`;
  if (full.length <= 230) return full;
  return `${full.slice(0, 220)}-${createHash('sha256').update(full).digest('hex').slice(0, 8)}`;
}

/** A journal stored as ConfigMaps in `driftline-system` (created when missing) of the target cluster. */
export class ConfigMapJournalStore implements JournalStore {
  readonly location: string;
  private readonly base: string;
  private namespaceReady = false;

  constructor(
    private readonly client: JournalClient,
    private readonly kind: JournalKind,
    private readonly name: string,
    private readonly namespace = JOURNAL_NAMESPACE,
  ) {
    this.base = journalConfigMapName(kind, name);
    this.location = `configmap ${namespace}/${this.base}`;
  }

  async load(): Promise<{ header: JournalHeader; parts: JournalPart[] } | undefined> {
    const cm = await this.client.get(CONFIGMAPS, this.namespace, this.base);
    const text = (cm?.data as Record<string, string> | undefined)?.[HEADER_KEY];
    if (!cm || text === undefined) return undefined;
    const header = decodeHeader(text, this.location);
    const parts: JournalPart[] = [];
    // Read past the header's count: a part written just before a crash may be newer than the header.
    for (let i = 0; ; i++) {
      const part = await this.client.get(CONFIGMAPS, this.namespace, this.partName(i));
      const data = (part?.binaryData as Record<string, string> | undefined)?.[ENTRIES_KEY];
      if (data === undefined) {
        if (i >= header.parts) break;
        continue;
      }
      parts.push({ index: i, entries: await decodeEntries(data, `${this.namespace}/${this.partName(i)}`) });
    }
    return { header, parts };
  }

  async saveHeader(header: JournalHeader): Promise<void> {
    await this.ensureNamespace();
    await this.client.apply(
      CONFIGMAPS,
      this.configMap(this.base, { data: { [HEADER_KEY]: encodeHeader(header) } }),
      {
        fieldManager: FIELD_MANAGER,
        force: true,
      },
    );
  }

  async savePart(index: number, entries: readonly JournalEntry[]): Promise<void> {
    await this.ensureNamespace();
    const binaryData = { [ENTRIES_KEY]: await encodeEntries(entries) };
    await this.client.apply(CONFIGMAPS, this.configMap(this.partName(index), { binaryData }), {
      fieldManager: FIELD_MANAGER,
      force: true,
    });
  }

  private partName(index: number): string {
    return `${this.base}-part-${index}`;
  }

  private configMap(name: string, body: Record<string, unknown>) {
    return {
      apiVersion: 'v1',
      kind: 'ConfigMap',
      metadata: {
        name,
        namespace: this.namespace,
        labels: {
          'app.kubernetes.io/managed-by': 'driftline',
          [JOURNAL_LABEL]: this.kind,
        },
        annotations: { 'driftline.io/journal-name': this.name },
      },
      ...body,
    };
  }

  private async ensureNamespace(): Promise<void> {
    if (this.namespaceReady) return;
    await ensureNamespace(this.client, this.namespace, { 'app.kubernetes.io/managed-by': 'driftline' });
    this.namespaceReady = true;
  }
}
