/** Builders for the CAPV (vSphere) objects: VSphereCluster, VSphereMachineTemplate, VSphereMachine, VSphereVM. */
import type { CapiVersion } from './capi.js';
import { DEFAULT_CAPI_VERSION, DEFAULT_KUBERNETES_VERSION, GROUP, LABEL } from './capi.js';
import { CapiObjectBuilder } from './capi-builder.js';
import type { JsonObject } from './object-builder.js';

/** Where CAPV clones VMs; the defaults name the inventory govmomi's simulator (vcsim) starts with. */
export interface VspherePlacement {
  datacenter: string;
  datastore: string;
  folder: string;
  resourcePool: string;
  network: string;
}

/** vcsim's default inventory. */
export const DEFAULT_PLACEMENT: VspherePlacement = {
  datacenter: 'DC0',
  datastore: 'LocalDS_0',
  folder: '/DC0/vm',
  resourcePool: '/DC0/host/DC0_C0/Resources',
  network: 'VM Network',
};

/** The vCenter address builders use when none is given. */
export const DEFAULT_SERVER = 'vcenter.example.com';

/** Builds a VSphereCluster: the vCenter (`server`, `thumbprint`) a workload cluster's VMs live in. */
export class VSphereClusterBuilder extends CapiObjectBuilder {
  private serverName = DEFAULT_SERVER;
  // CAPV writes "" when no thumbprint is pinned (TKG's insecure default), so the builders do too.
  private tlsThumbprint = '';
  private identity: { kind: 'Secret' | 'VSphereClusterIdentity'; name: string } | undefined;
  private endpointHost: string | undefined;
  private endpointPort = 6443;

  constructor(namespace: string, name: string, version: CapiVersion) {
    super(GROUP.infrastructure, 'VSphereCluster', namespace, name, version);
  }

  /** Sets `spec.server`, the vCenter address. */
  server(server: string): this {
    this.serverName = server;
    return this;
  }

  /** Sets `spec.thumbprint`, the SHA-1 thumbprint of vCenter's certificate. */
  thumbprint(thumbprint: string): this {
    this.tlsThumbprint = thumbprint;
    return this;
  }

  /** Sets `spec.identityRef`, the credentials CAPV uses. */
  identityRef(ref: { kind: 'Secret' | 'VSphereClusterIdentity'; name: string }): this {
    this.identity = { ...ref };
    return this;
  }

  /** Sets `spec.controlPlaneEndpoint`. */
  endpoint(host: string, port = 6443): this {
    this.endpointHost = host;
    this.endpointPort = port;
    return this;
  }

  protected body(): JsonObject {
    const spec: JsonObject = { server: this.serverName, thumbprint: this.tlsThumbprint };
    if (this.identity) spec.identityRef = this.identity;
    if (this.endpointHost) spec.controlPlaneEndpoint = { host: this.endpointHost, port: this.endpointPort };
    const status = this.version === 'v1beta1' ? { ready: true } : { initialization: { provisioned: true } };
    return { spec, status };
  }
}

/** Starts a VSphereCluster. */
export function vsphereCluster(
  namespace: string,
  name: string,
  version: CapiVersion = DEFAULT_CAPI_VERSION,
): VSphereClusterBuilder {
  return new VSphereClusterBuilder(namespace, name, version);
}

/** What VM-shaped CAPV objects share: vCenter, VM template, placement and sizing. */
abstract class VmShapeBuilder extends CapiObjectBuilder {
  protected serverName = DEFAULT_SERVER;
  protected templateName = `ubuntu-2204-kube-${DEFAULT_KUBERNETES_VERSION}`;
  protected where: VspherePlacement = { ...DEFAULT_PLACEMENT };
  protected isControlPlane = false;

  /** Sets `spec.server`, the vCenter address. */
  server(server: string): this {
    this.serverName = server;
    return this;
  }

  /** Sets `spec.template`, the VM template cloned. */
  template(template: string): this {
    this.templateName = template;
    return this;
  }

  /** Overrides parts of the placement (datacenter, datastore, folder, resource pool, network). */
  placement(placement: Partial<VspherePlacement>): this {
    this.where = { ...this.where, ...placement };
    return this;
  }

  /** Labels it as belonging to a control-plane machine. */
  controlPlane(): this {
    this.isControlPlane = true;
    return this;
  }

  protected override defaultLabels(): Record<string, string> {
    const labels = super.defaultLabels();
    if (this.isControlPlane) labels[LABEL.controlPlane] = '';
    return labels;
  }

  protected vmSpec(): JsonObject {
    const { network, ...placement } = this.where;
    return {
      server: this.serverName,
      template: this.templateName,
      cloneMode: 'linkedClone',
      ...placement,
      network: { devices: [{ networkName: network, dhcp4: true, dhcp6: false }] },
      numCPUs: 2,
      memoryMiB: 8192,
      diskGiB: 40,
      os: 'Linux',
      powerOffMode: 'trySoft',
    };
  }
}

/** Builds a VSphereMachineTemplate, cloned by a control plane or a MachineDeployment. */
export class VSphereMachineTemplateBuilder extends VmShapeBuilder {
  constructor(namespace: string, name: string, version: CapiVersion) {
    super(GROUP.infrastructure, 'VSphereMachineTemplate', namespace, name, version);
  }

  protected body(): JsonObject {
    return { spec: { template: { spec: this.vmSpec() } } };
  }
}

/** Starts a VSphereMachineTemplate. */
export function vsphereMachineTemplate(
  namespace: string,
  name: string,
  version: CapiVersion = DEFAULT_CAPI_VERSION,
): VSphereMachineTemplateBuilder {
  return new VSphereMachineTemplateBuilder(namespace, name, version);
}

/** Builds a VSphereMachine, the infrastructure side of one Machine; provisioned once it has a providerID. */
export class VSphereMachineBuilder extends VmShapeBuilder {
  private provider: string | undefined;

  constructor(namespace: string, name: string, version: CapiVersion) {
    super(GROUP.infrastructure, 'VSphereMachine', namespace, name, version);
  }

  /** Sets `spec.providerID`, `vsphere://<BIOS UUID>`. */
  withProviderID(providerID: string): this {
    this.provider = providerID;
    return this;
  }

  protected body(): JsonObject {
    const spec = this.vmSpec();
    if (this.provider) spec.providerID = this.provider;
    const provisioned = this.provider !== undefined;
    const status = this.version === 'v1beta1' ? { ready: provisioned } : { initialization: { provisioned } };
    return { spec, status };
  }
}

/** Starts a VSphereMachine. */
export function vsphereMachine(
  namespace: string,
  name: string,
  version: CapiVersion = DEFAULT_CAPI_VERSION,
): VSphereMachineBuilder {
  return new VSphereMachineBuilder(namespace, name, version);
}

/** Builds a VSphereVM, CAPV's record of one VM; `spec.biosUUID` is how Driftline finds the VM in vCenter. */
export class VSphereVMBuilder extends VmShapeBuilder {
  private uuid: string | undefined;
  // CAPV writes "" when no thumbprint is pinned (TKG's insecure default), so the builders do too.
  private tlsThumbprint = '';
  private moref: string | undefined;
  private bootstrapSecret = this.name;

  constructor(namespace: string, name: string, version: CapiVersion) {
    super(GROUP.infrastructure, 'VSphereVM', namespace, name, version);
  }

  /** Sets `spec.biosUUID`. */
  biosUUID(uuid: string): this {
    this.uuid = uuid;
    return this;
  }

  /** Sets `spec.thumbprint`. */
  thumbprint(thumbprint: string): this {
    this.tlsThumbprint = thumbprint;
    return this;
  }

  /** Sets `status.vmRef`, the VM's managed object id (e.g. `vm-42`). */
  vmRef(moref: string): this {
    this.moref = moref;
    return this;
  }

  /** Names the bootstrap data Secret (default: the VM's own name, as CAPI names it). */
  bootstrapRef(secretName: string): this {
    this.bootstrapSecret = secretName;
    return this;
  }

  protected body(): JsonObject {
    const spec = this.vmSpec();
    spec.bootstrapRef =
      this.version === 'v1beta1'
        ? { apiVersion: 'v1', kind: 'Secret', name: this.bootstrapSecret, namespace: this.namespace }
        : { name: this.bootstrapSecret };
    if (this.tlsThumbprint) spec.thumbprint = this.tlsThumbprint;
    if (this.uuid) spec.biosUUID = this.uuid;
    const status: JsonObject = { ready: this.uuid !== undefined };
    if (this.moref) status.vmRef = this.moref;
    return { spec, status };
  }
}

/** Starts a VSphereVM. */
export function vsphereVM(
  namespace: string,
  name: string,
  version: CapiVersion = DEFAULT_CAPI_VERSION,
): VSphereVMBuilder {
  return new VSphereVMBuilder(namespace, name, version);
}
