/** Resolves owner references whose owner is not in the restore: by name in the target, cached. */
import { describeError } from '../common/errors.js';
import type { OwnerResolution, UidMap } from './owners.js';
import { findKind, type RestoreTarget } from './target.js';
import type { OwnerLink, PlannedObject } from './types.js';

type ExternalLink = Extract<OwnerLink, { kind: 'external' }>;

/** Looks owners up in the target once per identity. */
export class OwnerLookup {
  private readonly cache = new Map<string, Promise<OwnerResolution>>();

  constructor(
    private readonly target: RestoreTarget,
    private readonly uids: UidMap,
    /** Placeholder uid for planned owners not created yet (dry runs); undefined in real runs. */
    private readonly placeholder?: (ownerId: string) => string,
  ) {}

  /** The resolution of every ownerReference of `planned`, in order. */
  resolveAll(planned: PlannedObject): Promise<OwnerResolution[]> {
    return Promise.all(planned.owners.map((link) => this.resolve(link)));
  }

  private async resolve(link: OwnerLink): Promise<OwnerResolution> {
    if (link.kind === 'planned') {
      const known = this.uids.resolvePlanned(link);
      if (known) return known;
      if (this.placeholder) return { uid: this.placeholder(link.ownerId) };
      return { missing: 'its owner is restored later (ownership cycle)' };
    }
    const key = `${link.group}/${link.ownerKind}/${link.namespace}/${link.name}`;
    let found = this.cache.get(key);
    if (!found) {
      found = this.lookup(link);
      this.cache.set(key, found);
    }
    return found;
  }

  private async lookup(link: ExternalLink): Promise<OwnerResolution> {
    try {
      const { resources } = await this.target.discover();
      const api = findKind(resources, link.group, link.ownerKind);
      if (!api) return { missing: `the target does not serve ${link.ownerKind}` };
      const live = await this.target.get(api, api.namespaced ? link.namespace : '', link.name);
      const uid = live?.metadata.uid;
      return uid ? { uid } : { missing: 'not in the backup nor in the target' };
    } catch (err) {
      return { missing: `lookup failed: ${describeError(err)}` };
    }
  }
}
