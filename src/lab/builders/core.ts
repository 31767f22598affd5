/** Builders for the core (v1) objects Driftline's fixtures need: Secrets, ConfigMaps, Namespaces and Nodes. */
import { DEFAULT_KUBERNETES_VERSION, LABEL } from './capi.js';
import type { JsonObject } from './object-builder.js';
import { ObjectBuilder } from './object-builder.js';

/** The Secret type Cluster API gives the secrets it generates (kubeconfig, CA, etcd, sa, proxy). */
export const CAPI_SECRET_TYPE = 'cluster.x-k8s.io/secret';

/** Builds a v1 Secret; `data` values are given as plain text and stored base64-encoded, as the API does. */
export class SecretBuilder extends ObjectBuilder {
  private values: Record<string, string> = {};
  private secretType = 'Opaque';

  constructor(namespace: string, name: string) {
    super('v1', 'Secret', namespace, name);
  }

  /** Adds data entries from plain-text values. */
  data(values: Record<string, string>): this {
    this.values = { ...this.values, ...values };
    return this;
  }

  /** Sets the Secret `type` (default `Opaque`). */
  type(type: string): this {
    this.secretType = type;
    return this;
  }

  protected body(): JsonObject {
    const data = Object.fromEntries(
      Object.entries(this.values).map(([key, value]) => [key, Buffer.from(value, 'utf8').toString('base64')]),
    );
    return { type: this.secretType, data };
  }
}

/** Starts a Secret. */
export function secret(namespace: string, name: string): SecretBuilder {
  return new SecretBuilder(namespace, name);
}

/** The admin kubeconfig Secret Cluster API keeps for a workload cluster: `<cluster>-kubeconfig`, key `value`. */
export function kubeconfigSecret(
  namespace: string,
  clusterName: string,
  kubeconfigYaml: string,
): SecretBuilder {
  return secret(namespace, `${clusterName}-kubeconfig`)
    .type(CAPI_SECRET_TYPE)
    .withLabels({ [LABEL.clusterName]: clusterName })
    .data({ value: kubeconfigYaml });
}

/** Builds a v1 ConfigMap. */
export class ConfigMapBuilder extends ObjectBuilder {
  private values: Record<string, string> = {};

  constructor(namespace: string, name: string) {
    super('v1', 'ConfigMap', namespace, name);
  }

  /** Adds data entries. */
  data(values: Record<string, string>): this {
    this.values = { ...this.values, ...values };
    return this;
  }

  protected body(): JsonObject {
    return { data: { ...this.values } };
  }
}

/** Starts a ConfigMap. */
export function configMap(namespace: string, name: string): ConfigMapBuilder {
  return new ConfigMapBuilder(namespace, name);
}

/** Builds a v1 Namespace. */
export class NamespaceBuilder extends ObjectBuilder {
  constructor(name: string) {
    super('v1', 'Namespace', undefined, name);
  }

  protected override defaultLabels(): Record<string, string> {
    return { 'kubernetes.io/metadata.name': this.name };
  }

  protected body(): JsonObject {
    return {};
  }
}

/** Starts a Namespace. */
export function namespace(name: string): NamespaceBuilder {
  return new NamespaceBuilder(name);
}

/** Builds a v1 Node of a workload cluster, Ready by default. */
export class NodeBuilder extends ObjectBuilder {
  private provider: string | undefined;
  private isControlPlane = false;
  private isReady = true;
  private kubelet = DEFAULT_KUBERNETES_VERSION;

  constructor(name: string) {
    super('v1', 'Node', undefined, name);
  }

  /** Sets `spec.providerID`, e.g. `vsphere://<BIOS UUID>`. */
  providerID(providerID: string): this {
    this.provider = providerID;
    return this;
  }

  /** Makes it a control-plane node: role label and NoSchedule taint. */
  controlPlane(): this {
    this.isControlPlane = true;
    return this;
  }

  /** Sets the Ready condition to True or False. */
  ready(ready = true): this {
    this.isReady = ready;
    return this;
  }

  /** Sets `status.nodeInfo.kubeletVersion`. */
  kubeletVersion(version: string): this {
    this.kubelet = version;
    return this;
  }

  protected override defaultLabels(): Record<string, string> {
    const labels: Record<string, string> = {
      'kubernetes.io/arch': 'amd64',
      'kubernetes.io/hostname': this.name,
      'kubernetes.io/os': 'linux',
    };
    if (this.isControlPlane) labels['node-role.kubernetes.io/control-plane'] = '';
    return labels;
  }

  protected body(): JsonObject {
    const spec: JsonObject = {};
    if (this.provider) spec.providerID = this.provider;
    if (this.isControlPlane) {
      spec.taints = [{ key: 'node-role.kubernetes.io/control-plane', effect: 'NoSchedule' }];
    }
    const ready = this.isReady
      ? { status: 'True', reason: 'KubeletReady', message: 'kubelet is posting ready status' }
      : { status: 'False', reason: 'KubeletNotReady', message: 'container runtime network not ready' };
    return {
      spec,
      status: {
        conditions: [{ type: 'Ready', ...ready }],
        addresses: [{ type: 'Hostname', address: this.name }],
        nodeInfo: {
          kubeletVersion: this.kubelet,
          kubeProxyVersion: this.kubelet,
          operatingSystem: 'linux',
          architecture: 'amd64',
        },
      },
    };
  }
}

/** Starts a Node. */
export function node(name: string): NodeBuilder {
  return new NodeBuilder(name);
}
