/** Builders for worker pools: MachineDeployment and the MachineSets it rolls out. */
import type { CapiVersion } from './capi.js';
import { DEFAULT_CAPI_VERSION, DEFAULT_KUBERNETES_VERSION, GROUP, LABEL, selectorString } from './capi.js';
import { CapiObjectBuilder } from './capi-builder.js';
import type { JsonObject, ObjectSource } from './object-builder.js';
import { nameOf } from './object-builder.js';

/** What MachineDeployments and MachineSets share: replicas, Kubernetes version and the machine template refs. */
abstract class PoolBuilder extends CapiObjectBuilder {
  protected count = 1;
  protected k8sVersion = DEFAULT_KUBERNETES_VERSION;
  protected bootstrapTemplateName: string;
  protected infrastructureTemplateName: string;

  protected constructor(kind: string, namespace: string, name: string, version: CapiVersion) {
    super(GROUP.cluster, kind, namespace, name, version);
    this.bootstrapTemplateName = name;
    this.infrastructureTemplateName = name;
  }

  /** Sets `spec.replicas` (the status reports the same number, all ready). */
  replicas(count: number): this {
    this.count = count;
    return this;
  }

  /** Sets the Kubernetes version of the machines. */
  kubernetesVersion(version: string): this {
    this.k8sVersion = version;
    return this;
  }

  /** Names the KubeadmConfigTemplate the machines' bootstrap configs come from. */
  bootstrapTemplate(name: string): this {
    this.bootstrapTemplateName = name;
    return this;
  }

  /** Names the VSphereMachineTemplate the machines clone. */
  infrastructureTemplate(name: string): this {
    this.infrastructureTemplateName = name;
    return this;
  }

  /** The labels of the selector and of the machine template. */
  protected abstract poolLabels(): Record<string, string>;

  protected poolSpec(): JsonObject {
    const labels = this.poolLabels();
    return {
      ...this.clusterNameField(),
      replicas: this.count,
      selector: { matchLabels: labels },
      template: {
        metadata: { labels },
        spec: {
          ...this.clusterNameField(),
          version: this.k8sVersion,
          bootstrap: {
            configRef: this.ref(GROUP.bootstrap, 'KubeadmConfigTemplate', this.bootstrapTemplateName),
          },
          infrastructureRef: this.ref(
            GROUP.infrastructure,
            'VSphereMachineTemplate',
            this.infrastructureTemplateName,
          ),
        },
      },
    };
  }

  protected steadyStatus(): JsonObject {
    const n = this.count;
    const common = {
      replicas: n,
      readyReplicas: n,
      availableReplicas: n,
      selector: selectorString(this.poolLabels()),
    };
    return this.version === 'v1beta1'
      ? { ...common, updatedReplicas: n }
      : { ...common, upToDateReplicas: n };
  }
}

/** Builds a MachineDeployment; its templates default to its own name. */
export class MachineDeploymentBuilder extends PoolBuilder {
  constructor(namespace: string, name: string, version: CapiVersion) {
    super('MachineDeployment', namespace, name, version);
  }

  protected poolLabels(): Record<string, string> {
    const labels: Record<string, string> = { [LABEL.deploymentName]: this.name };
    if (this.clusterName) labels[LABEL.clusterName] = this.clusterName;
    return labels;
  }

  protected body(): JsonObject {
    const status = this.steadyStatus();
    status.phase = 'Running';
    if (this.version === 'v1beta1') status.unavailableReplicas = 0;
    return { spec: this.poolSpec(), status };
  }
}

/** Starts a MachineDeployment. */
export function machineDeployment(
  namespace: string,
  name: string,
  version: CapiVersion = DEFAULT_CAPI_VERSION,
): MachineDeploymentBuilder {
  return new MachineDeploymentBuilder(namespace, name, version);
}

/** Builds a MachineSet; `.deployment()` ties it to its MachineDeployment by label (use `ownedBy` for the owner). */
export class MachineSetBuilder extends PoolBuilder {
  private deploymentName: string | undefined;
  private hash: string | undefined;

  constructor(namespace: string, name: string, version: CapiVersion) {
    super('MachineSet', namespace, name, version);
  }

  /** Names the MachineDeployment this set belongs to; the templates follow its name unless set. */
  deployment(deployment: string | ObjectSource): this {
    this.deploymentName = nameOf(deployment);
    if (this.bootstrapTemplateName === this.name) this.bootstrapTemplateName = this.deploymentName;
    if (this.infrastructureTemplateName === this.name) this.infrastructureTemplateName = this.deploymentName;
    return this;
  }

  /** Sets the `machine-template-hash` label that tells a deployment's sets apart. */
  templateHash(hash: string): this {
    this.hash = hash;
    return this;
  }

  protected override defaultLabels(): Record<string, string> {
    return { ...super.defaultLabels(), ...this.poolLabels() };
  }

  protected poolLabels(): Record<string, string> {
    const labels: Record<string, string> = {};
    if (this.clusterName) labels[LABEL.clusterName] = this.clusterName;
    if (this.deploymentName) labels[LABEL.deploymentName] = this.deploymentName;
    if (this.hash) labels[LABEL.machineTemplateHash] = this.hash;
    return labels;
  }

  protected body(): JsonObject {
    const status = this.steadyStatus();
    if (this.version === 'v1beta1') status.fullyLabeledReplicas = this.count;
    return { spec: this.poolSpec(), status };
  }
}

/** Starts a MachineSet. */
export function machineSet(
  namespace: string,
  name: string,
  version: CapiVersion = DEFAULT_CAPI_VERSION,
): MachineSetBuilder {
  return new MachineSetBuilder(namespace, name, version);
}
