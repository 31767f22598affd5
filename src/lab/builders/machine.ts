/** Builder for Machine, the object Driftline classifies against VMs and Nodes. */
import type { CapiVersion } from './capi.js';
import { DEFAULT_CAPI_VERSION, DEFAULT_KUBERNETES_VERSION, GROUP, LABEL } from './capi.js';
import { CapiObjectBuilder } from './capi-builder.js';
import type { JsonObject, ObjectSource } from './object-builder.js';
import { nameOf } from './object-builder.js';

/**
 * Builds a Machine. Its bootstrap config (KubeadmConfig) and infrastructure machine
 * (VSphereMachine) share its name unless set. The status follows the Machine controller's
 * phases: Pending, Provisioned once it has a providerID, Running once it has a nodeRef.
 */
export class MachineBuilder extends CapiObjectBuilder {
  private controlPlaneName: string | undefined;
  private isControlPlane = false;
  private deploymentName: string | undefined;
  private setName: string | undefined;
  private provider: string | undefined;
  private nodeRef: { name: string; uid?: string } | undefined;
  private phaseOverride: string | undefined;
  private k8sVersion = DEFAULT_KUBERNETES_VERSION;
  private bootstrapConfig = { kind: 'KubeadmConfig', name: this.name };
  private infrastructure = { kind: 'VSphereMachine', name: this.name };

  constructor(namespace: string, name: string, version: CapiVersion) {
    super(GROUP.cluster, 'Machine', namespace, name, version);
  }

  /** Marks it a control-plane machine; naming the control plane adds the control-plane-name label. */
  controlPlane(controlPlane?: string | ObjectSource): this {
    this.isControlPlane = true;
    if (controlPlane !== undefined) this.controlPlaneName = nameOf(controlPlane);
    return this;
  }

  /** Labels it as a machine of this MachineDeployment. */
  deployment(deployment: string | ObjectSource): this {
    this.deploymentName = nameOf(deployment);
    return this;
  }

  /** Labels it as a machine of this MachineSet. */
  set(machineSet: string | ObjectSource): this {
    this.setName = nameOf(machineSet);
    return this;
  }

  /** Sets `spec.providerID`, e.g. `vsphere://<BIOS UUID>`. */
  withProviderID(providerID: string): this {
    this.provider = providerID;
    return this;
  }

  /** Sets `status.nodeRef` (v1beta1: a full ObjectReference; v1beta2: only the name). */
  withNodeRef(nodeName: string, nodeUid?: string): this {
    this.nodeRef = nodeUid === undefined ? { name: nodeName } : { name: nodeName, uid: nodeUid };
    return this;
  }

  /** Overrides the derived `status.phase` (e.g. `Deleting`, `Failed`). */
  phase(phase: string): this {
    this.phaseOverride = phase;
    return this;
  }

  /** Sets `spec.version`. */
  kubernetesVersion(version: string): this {
    this.k8sVersion = version;
    return this;
  }

  /** Points `spec.bootstrap.configRef` at another bootstrap config. */
  bootstrapRef(name: string, kind = 'KubeadmConfig'): this {
    this.bootstrapConfig = { kind, name };
    return this;
  }

  /** Points `spec.infrastructureRef` at another infrastructure machine. */
  infrastructureRef(name: string, kind = 'VSphereMachine'): this {
    this.infrastructure = { kind, name };
    return this;
  }

  protected override defaultLabels(): Record<string, string> {
    const labels = super.defaultLabels();
    if (this.isControlPlane) labels[LABEL.controlPlane] = '';
    if (this.controlPlaneName) labels[LABEL.controlPlaneName] = this.controlPlaneName;
    if (this.deploymentName) labels[LABEL.deploymentName] = this.deploymentName;
    if (this.setName) labels[LABEL.setName] = this.setName;
    return labels;
  }

  protected body(): JsonObject {
    const spec: JsonObject = {
      ...this.clusterNameField(),
      bootstrap: {
        configRef: this.ref(GROUP.bootstrap, this.bootstrapConfig.kind, this.bootstrapConfig.name),
        dataSecretName: this.bootstrapConfig.name,
      },
      infrastructureRef: this.ref(GROUP.infrastructure, this.infrastructure.kind, this.infrastructure.name),
      version: this.k8sVersion,
    };
    if (this.provider) spec.providerID = this.provider;
    return { spec, status: this.status() };
  }

  private status(): JsonObject {
    const provisioned = this.provider !== undefined;
    const derived = this.nodeRef ? 'Running' : provisioned ? 'Provisioned' : 'Provisioning';
    const status: JsonObject = { phase: this.phaseOverride ?? derived };
    if (this.version === 'v1beta1') {
      Object.assign(status, { bootstrapReady: true, infrastructureReady: provisioned });
      if (this.nodeRef) status.nodeRef = { apiVersion: 'v1', kind: 'Node', ...this.nodeRef };
    } else {
      status.initialization = { bootstrapDataSecretCreated: true, infrastructureProvisioned: provisioned };
      if (this.nodeRef) status.nodeRef = { name: this.nodeRef.name };
    }
    return status;
  }
}

/** Starts a Machine. */
export function machine(
  namespace: string,
  name: string,
  version: CapiVersion = DEFAULT_CAPI_VERSION,
): MachineBuilder {
  return new MachineBuilder(namespace, name, version);
}
