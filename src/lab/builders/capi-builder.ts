/** The base of the Cluster API and CAPV builders: version-shaped apiVersion and refs, and the cluster-name label. */
import type { CapiVersion } from './capi.js';
import { apiVersionOf, LABEL, objectRef } from './capi.js';
import type { ObjectSource } from './object-builder.js';
import { nameOf, ObjectBuilder } from './object-builder.js';

/** A builder for a namespaced object in a Cluster API group, written in one API version. */
export abstract class CapiObjectBuilder extends ObjectBuilder {
  protected clusterName: string | undefined;

  protected constructor(
    group: string,
    kind: string,
    namespace: string,
    name: string,
    protected readonly version: CapiVersion,
  ) {
    super(apiVersionOf(group, version), kind, namespace, name);
  }

  /** Names the Cluster this object belongs to: the cluster-name label and, where the kind has one, `spec.clusterName`. */
  cluster(cluster: string | ObjectSource): this {
    this.clusterName = nameOf(cluster);
    return this;
  }

  protected override defaultLabels(): Record<string, string> {
    return this.clusterName ? { [LABEL.clusterName]: this.clusterName } : {};
  }

  /** A ref to an object in this object's namespace, shaped for this object's version. */
  protected ref(group: string, kind: string, name: string): Record<string, string> {
    return objectRef(this.version, { group, kind, name, namespace: this.namespace ?? '' });
  }

  /** `{clusterName}` when a cluster was named, else nothing, for spreading into a spec. */
  protected clusterNameField(): { clusterName?: string } {
    return this.clusterName ? { clusterName: this.clusterName } : {};
  }
}
