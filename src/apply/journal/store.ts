/** Keeps a journal in ConfigMaps of the target cluster: one header, entries sharded into parts under 1 MiB. */

import { createHash } from 'node:crypto';
import { CORE_RESOURCES } from '../../adapters/kube/core-resources.js';
import type { Applier, Creator, Getter } from '../../adapters/kube/interfaces.js';
import { ensureNamespace } from '../../adapters/kube/namespaces.js';
import type { KubeObject } from '../../model/resource-key.js';
import { ANNOTATIONS, FIELD_MANAGER, LABELS, MANAGED_BY, SYSTEM_NAMESPACE } from '../../model/vocabulary.js';
import {
  decodeEntries,
  decodeHeader,
  encodeEntries,
  encodeHeader,
  type JournalHeader,
  type StoredEntry,
} from './codec.js';

/** The calls a ConfigMap journal needs. */
export type JournalClient = Getter & Applier & Creator;

const CONFIGMAPS = CORE_RESOURCES.configmaps;
const HEADER_KEY = 'journal.json';
const ENTRIES_KEY = 'entries.json.gz';

/** One stored part: its index and its entries. */
export interface JournalPart {
  index: number;
  entries: StoredEntry[];
}

/** What a store holds: the header and every part found. */
export interface StoredJournal {
  header: JournalHeader;
  parts: JournalPart[];
}

/** Where a journal lives and how it is read and written. */
export interface JournalStore {
  /** `configmap driftline-system/driftline-restore-<name>`, for messages. */
  readonly location: string;
  load(): Promise<StoredJournal | undefined>;
  saveHeader(header: JournalHeader): Promise<void>;
  savePart(index: number, entries: readonly StoredEntry[]): Promise<void>;
}

/** The header ConfigMap's name: `driftline-<kind>-<name>`, hashed down when too long. */
export function journalConfigMapName(kind: string, name: string): string {
  const full = `driftline-${kind}-${name}`;
  if (full.length <= 230) return full;
  return `${full.slice(0, 220)}-${createHash('sha256').update(full).digest('hex').slice(0, 8)}`;
}

/** The header text of a journal ConfigMap, or undefined when it holds none. */
export function headerText(configMap: KubeObject | undefined): string | undefined {
  return (configMap?.data as Record<string, string> | undefined)?.[HEADER_KEY];
}

/** A journal stored as ConfigMaps in `driftline-system` (created when missing) of the target cluster. */
export class ConfigMapJournalStore implements JournalStore {
  readonly location: string;
  private readonly base: string;
  private namespaceReady = false;

  constructor(
    private readonly client: JournalClient,
    private readonly kind: string,
    private readonly name: string,
    private readonly namespace = SYSTEM_NAMESPACE,
  ) {
    this.base = journalConfigMapName(kind, name);
    this.location = `configmap ${namespace}/${this.base}`;
  }

  async load(): Promise<StoredJournal | undefined> {
    const text = headerText(await this.client.get(CONFIGMAPS, this.namespace, this.base));
    if (text === undefined) return undefined;
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
    await this.save(this.base, { data: { [HEADER_KEY]: encodeHeader(header) } });
  }

  async savePart(index: number, entries: readonly StoredEntry[]): Promise<void> {
    await this.save(this.partName(index), { binaryData: { [ENTRIES_KEY]: await encodeEntries(entries) } });
  }

  private partName(index: number): string {
    return `${this.base}-part-${index}`;
  }

  private async save(name: string, body: Record<string, unknown>): Promise<void> {
    if (!this.namespaceReady) {
      await ensureNamespace(this.client, this.namespace, { [LABELS.managedBy]: MANAGED_BY });
      this.namespaceReady = true;
    }
    const configMap = {
      apiVersion: 'v1',
      kind: 'ConfigMap',
      metadata: {
        name,
        namespace: this.namespace,
        labels: { [LABELS.managedBy]: MANAGED_BY, [LABELS.journal]: this.kind },
        annotations: { [ANNOTATIONS.journalName]: this.name },
      },
      ...body,
    };
    await this.client.apply(CONFIGMAPS, configMap, { fieldManager: FIELD_MANAGER, force: true });
  }
}
