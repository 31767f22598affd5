/** Builders for a workload cluster's top objects: Cluster and KubeadmControlPlane. */

import { nodeRegistration } from './bootstrap.js';
import type { CapiVersion } from './capi.js';
import { DEFAULT_CAPI_VERSION, DEFAULT_KUBERNETES_VERSION, GROUP, LABEL, selectorString } from './capi.js';
import { CapiObjectBuilder } from './capi-builder.js';
import type { JsonObject } from './object-builder.js';

/** Builds a Cluster; by default it points at KubeadmControlPlane `<name>-control-plane` and VSphereCluster `<name>`. */
export class ClusterBuilder extends CapiObjectBuilder {
  private controlPlane = { kind: 'KubeadmControlPlane', name: `${this.name}-control-plane` };
  private infrastructure = { kind: 'VSphereCluster', name: this.name };
  private isPaused = false;
  private endpointHost: string | undefined;
  private endpointPort = 6443;

  constructor(namespace: string, name: string, version: CapiVersion) {
    super(GROUP.cluster, 'Cluster', namespace, name, version);
    this.clusterName = name;
  }

  /** Sets `spec.paused` (what restores do before unpausing). */
  paused(paused = true): this {
    this.isPaused = paused;
    return this;
  }

  /** Points `spec.controlPlaneRef` at another control-plane object. */
  controlPlaneRef(name: string, kind = 'KubeadmControlPlane'): this {
    this.controlPlane = { kind, name };
    return this;
  }

  /** Points `spec.infrastructureRef` at another infrastructure cluster object. */
  infrastructureRef(name: string, kind = 'VSphereCluster'): this {
    this.infrastructure = { kind, name };
    return this;
  }

  /** Sets `spec.controlPlaneEndpoint`. */
  endpoint(host: string, port = 6443): this {
    this.endpointHost = host;
    this.endpointPort = port;
    return this;
  }

  protected body(): JsonObject {
    const spec: JsonObject = {
      clusterNetwork: {
        pods: { cidrBlocks: ['100.96.0.0/11'] },
        services: { cidrBlocks: ['100.64.0.0/13'] },
        serviceDomain: 'cluster.local',
      },
      controlPlaneRef: this.ref(GROUP.controlPlane, this.controlPlane.kind, this.controlPlane.name),
      infrastructureRef: this.ref(GROUP.infrastructure, this.infrastructure.kind, this.infrastructure.name),
    };
    if (this.endpointHost) spec.controlPlaneEndpoint = { host: this.endpointHost, port: this.endpointPort };
    if (this.isPaused) spec.paused = true;
    const status: JsonObject =
      this.version === 'v1beta1'
        ? { phase: 'Provisioned', infrastructureReady: true, controlPlaneReady: true }
        : {
            phase: 'Provisioned',
            initialization: { infrastructureProvisioned: true, controlPlaneInitialized: true },
          };
    return { spec, status };
  }
}

/** Starts a Cluster. */
export function cluster(
  namespace: string,
  name: string,
  version: CapiVersion = DEFAULT_CAPI_VERSION,
): ClusterBuilder {
  return new ClusterBuilder(namespace, name, version);
}

/** Builds a KubeadmControlPlane whose machines clone VSphereMachineTemplate `<name>` by default. */
export class KubeadmControlPlaneBuilder extends CapiObjectBuilder {
  private count = 1;
  private k8sVersion = DEFAULT_KUBERNETES_VERSION;
  private template = this.name;

  constructor(namespace: string, name: string, version: CapiVersion) {
    super(GROUP.controlPlane, 'KubeadmControlPlane', namespace, name, version);
  }

  /** Sets `spec.replicas` (the status reports the same number, all ready). */
  replicas(count: number): this {
    this.count = count;
    return this;
  }

  /** Sets the Kubernetes version. */
  kubernetesVersion(version: string): this {
    this.k8sVersion = version;
    return this;
  }

  /** Names the VSphereMachineTemplate the control-plane machines clone. */
  infrastructureTemplate(name: string): this {
    this.template = name;
    return this;
  }

  protected body(): JsonObject {
    const infrastructureRef = this.ref(GROUP.infrastructure, 'VSphereMachineTemplate', this.template);
    const spec: JsonObject = {
      replicas: this.count,
      version: this.k8sVersion,
      machineTemplate: this.version === 'v1beta1' ? { infrastructureRef } : { spec: { infrastructureRef } },
      kubeadmConfigSpec: {
        clusterConfiguration: { controllerManager: { extraArgs: this.version === 'v1beta1' ? {} : [] } },
        initConfiguration: { nodeRegistration: nodeRegistration(this.version) },
        joinConfiguration: { nodeRegistration: nodeRegistration(this.version) },
        users: [{ name: 'capv', sudo: 'ALL=(ALL) NOPASSWD:ALL' }],
      },
    };
    const selectorLabels: Record<string, string> = { [LABEL.controlPlane]: '' };
    if (this.clusterName) selectorLabels[LABEL.clusterName] = this.clusterName;
    const common = {
      replicas: this.count,
      readyReplicas: this.count,
      selector: selectorString(selectorLabels),
      version: this.k8sVersion,
    };
    const status: JsonObject =
      this.version === 'v1beta1'
        ? { ...common, updatedReplicas: this.count, unavailableReplicas: 0, initialized: true, ready: true }
        : {
            ...common,
            availableReplicas: this.count,
            upToDateReplicas: this.count,
            initialization: { controlPlaneInitialized: true },
          };
    return { spec, status };
  }
}

/** Starts a KubeadmControlPlane. */
export function kubeadmControlPlane(
  namespace: string,
  name: string,
  version: CapiVersion = DEFAULT_CAPI_VERSION,
): KubeadmControlPlaneBuilder {
  return new KubeadmControlPlaneBuilder(namespace, name, version);
}
