/** An in-memory LeaseStore with the API server's optimistic concurrency, and a switch to hang it. */
import { KubeError } from '../../src/adapters/kube/errors.js';
import type { LeaseSpec } from '../../src/adapters/kube/leases.js';
import type { StoredLease } from '../../src/controller/leader-rules.js';
import type { LeaseStore } from '../../src/controller/leader-store.js';

/** One Lease shared by every elector given this store; `hang = true` makes calls never answer. */
export class MemoryLeaseStore implements LeaseStore {
  readonly description = 'Lease test/leader';
  lease?: StoredLease;
  hang = false;
  private version = 0;

  async get(): Promise<StoredLease | undefined> {
    await this.answer();
    return this.lease && structuredClone(this.lease);
  }

  async create(spec: LeaseSpec): Promise<StoredLease> {
    await this.answer();
    if (this.lease) throw new KubeError('kube.conflict', 'create lease: already exists', { status: 409 });
    return this.write(spec);
  }

  async update(spec: LeaseSpec, resourceVersion: string): Promise<StoredLease> {
    await this.answer();
    if (this.lease?.resourceVersion !== resourceVersion)
      throw new KubeError('kube.conflict', 'update lease: the object has been modified', { status: 409 });
    return this.write(spec);
  }

  private write(spec: LeaseSpec): StoredLease {
    this.lease = { spec: structuredClone(spec), resourceVersion: String(++this.version) };
    return structuredClone(this.lease);
  }

  private answer(): Promise<void> {
    return this.hang ? new Promise(() => undefined) : Promise.resolve();
  }
}
