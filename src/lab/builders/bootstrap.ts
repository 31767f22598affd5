/** Builders for kubeadm bootstrap objects: KubeadmConfig (one per Machine) and KubeadmConfigTemplate (one per pool). */
import type { CapiVersion } from './capi.js';
import { DEFAULT_CAPI_VERSION, GROUP, LABEL } from './capi.js';
import { CapiObjectBuilder } from './capi-builder.js';
import type { JsonObject } from './object-builder.js';

/** kubeadm's nodeRegistration as CAPV templates write it; kubelet args are a map in v1beta1, a list in v1beta2. */
export function nodeRegistration(version: CapiVersion): JsonObject {
  return {
    criSocket: '/var/run/containerd/containerd.sock',
    kubeletExtraArgs:
      version === 'v1beta1'
        ? { 'cloud-provider': 'external' }
        : [{ name: 'cloud-provider', value: 'external' }],
    name: '{{ ds.meta_data.hostname }}',
  };
}

const USERS = [{ name: 'capv', sudo: 'ALL=(ALL) NOPASSWD:ALL' }];

/** Builds a KubeadmConfig: a join config for workers, init/join for control-plane machines. */
export class KubeadmConfigBuilder extends CapiObjectBuilder {
  private isControlPlane = false;
  private isFirst = false;

  constructor(namespace: string, name: string, version: CapiVersion) {
    super(GROUP.bootstrap, 'KubeadmConfig', namespace, name, version);
  }

  /** Makes it a control-plane config; `init` makes it the first control-plane machine's (kubeadm init). */
  controlPlane(init = false): this {
    this.isControlPlane = true;
    this.isFirst = init;
    return this;
  }

  protected override defaultLabels(): Record<string, string> {
    const labels = super.defaultLabels();
    if (this.isControlPlane) labels[LABEL.controlPlane] = '';
    return labels;
  }

  protected body(): JsonObject {
    const spec: JsonObject = { users: USERS };
    if (this.isFirst) {
      spec.clusterConfiguration = { controlPlaneEndpoint: '' };
      spec.initConfiguration = { nodeRegistration: nodeRegistration(this.version) };
    } else {
      const join: JsonObject = { nodeRegistration: nodeRegistration(this.version) };
      if (this.isControlPlane) join.controlPlane = {};
      spec.joinConfiguration = join;
    }
    const status: JsonObject =
      this.version === 'v1beta1'
        ? { ready: true, dataSecretName: this.name }
        : { initialization: { dataSecretCreated: true }, dataSecretName: this.name };
    return { spec, status };
  }
}

/** Starts a KubeadmConfig. */
export function kubeadmConfig(
  namespace: string,
  name: string,
  version: CapiVersion = DEFAULT_CAPI_VERSION,
): KubeadmConfigBuilder {
  return new KubeadmConfigBuilder(namespace, name, version);
}

/** Builds a KubeadmConfigTemplate, the join config a MachineDeployment stamps onto its machines. */
export class KubeadmConfigTemplateBuilder extends CapiObjectBuilder {
  constructor(namespace: string, name: string, version: CapiVersion) {
    super(GROUP.bootstrap, 'KubeadmConfigTemplate', namespace, name, version);
  }

  protected body(): JsonObject {
    return {
      spec: {
        template: {
          spec: { joinConfiguration: { nodeRegistration: nodeRegistration(this.version) }, users: USERS },
        },
      },
    };
  }
}

/** Starts a KubeadmConfigTemplate. */
export function kubeadmConfigTemplate(
  namespace: string,
  name: string,
  version: CapiVersion = DEFAULT_CAPI_VERSION,
): KubeadmConfigTemplateBuilder {
  return new KubeadmConfigTemplateBuilder(namespace, name, version);
}
