/** The coordination.k8s.io/v1 Lease resource and its wire shape, for leader election. */
import type { ResourceRef } from './interfaces.js';

/** Leases (`coordination.k8s.io/v1`, namespaced; served since Kubernetes 1.14). */
export const LEASES: ResourceRef = {
  group: 'coordination.k8s.io',
  version: 'v1',
  resource: 'leases',
  namespaced: true,
};

/** `spec` of a Lease as the API server stores it; times are RFC 3339 with microseconds. */
export interface LeaseSpec {
  holderIdentity?: string;
  leaseDurationSeconds?: number;
  acquireTime?: string;
  renewTime?: string;
  leaseTransitions?: number;
}
