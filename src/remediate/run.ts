/** Carries out a report's remediation: in order, target re-checked first, confirmation before destruction. */
import type { KubeClient } from '../adapters/kube/index.js';
import type { SoapSession, VmRecord } from '../adapters/vsphere/index.js';
import { destroyVm, getVirtualMachine, listVirtualMachines, powerOffVm } from '../adapters/vsphere/index.js';
import { describeError } from '../common/errors.js';
import type { RemediationStep } from '../recovery/index.js';
import { type ActionOutcome, cordon, deleteNode, drain, findVm } from './actions.js';
import { DESTRUCTIVE, type PlannedStep } from './plan.js';

/** How remediation reaches each plane; clients are created lazily, only when a step needs one. */
export interface RemediationDeps {
  management(): Promise<KubeClient>;
  workload(cluster: string): Promise<KubeClient>;
  vsphere(): Promise<SoapSession>;
  /** Asked once per finding with destructive steps; false skips that finding. */
  confirm(finding: string, steps: RemediationStep[]): Promise<boolean>;
  dryRun?: boolean;
  gracePeriodSeconds?: number;
}

/** What happened to one step. */
export interface StepResult {
  finding: string;
  order: number;
  type: string;
  target: string;
  result: 'done' | 'skipped' | 'failed' | 'manual' | 'dry-run' | 'declined';
  detail: string;
  command: string;
}

/** Runs every finding's steps; a failed step stops the rest of its finding, other findings go on. */
export async function runRemediation(plan: PlannedStep[], deps: RemediationDeps): Promise<StepResult[]> {
  const results: StepResult[] = [];
  for (const [finding, steps] of groupByFinding(plan)) {
    const automated = steps.filter((s) => s.action.automated);
    const approved =
      deps.dryRun ||
      !automated.some((s) => DESTRUCTIVE.has(s.action.type)) ||
      (await deps.confirm(finding, automated));
    let blocked = false;
    for (const step of steps) {
      const base = {
        finding,
        order: step.order,
        type: step.action.type,
        target: describeTarget(step),
        command: step.command,
      };
      if (!step.action.automated) results.push({ ...base, result: 'manual', detail: step.description });
      else if (deps.dryRun) results.push({ ...base, result: 'dry-run', detail: step.description });
      else if (!approved) results.push({ ...base, result: 'declined', detail: 'not confirmed' });
      else if (blocked)
        results.push({ ...base, result: 'skipped', detail: 'an earlier step of this finding failed' });
      else {
        const outcome = await execute(step, deps).catch(
          (err: unknown): ActionOutcome => ({ result: 'failed', detail: describeError(err) }),
        );
        blocked = outcome.result === 'failed';
        results.push({ ...base, ...outcome });
      }
    }
  }
  return results;
}

async function execute(step: RemediationStep, deps: RemediationDeps): Promise<ActionOutcome> {
  const t = step.action.target;
  switch (step.action.type) {
    case 'cordon':
      return cordon(await deps.workload(t.cluster), t);
    case 'drain':
      return drain(await deps.workload(t.cluster), t, deps.gracePeriodSeconds);
    case 'delete-node':
      return deleteNode(await deps.workload(t.cluster), t);
    case 'delete-machine':
      return deleteMachine(await deps.management(), t.namespace ?? '', t.name);
    case 'scale-pool':
      return scalePool(await deps.management(), t.namespace ?? '', t.name, t.replicas);
    case 'power-off-vm':
      return vmAction(await deps.vsphere(), t, 'power off', powerOffVm);
    case 'destroy-vm':
      return vmAction(await deps.vsphere(), t, 'destroy', destroyVm);
    default:
      return { result: 'skipped', detail: `${step.action.type} is not automated` };
  }
}

async function deleteMachine(mgmt: KubeClient, namespace: string, name: string): Promise<ActionOutcome> {
  const ref = await mgmt.resolve({ group: 'cluster.x-k8s.io', kind: 'Machine' });
  if (!(await mgmt.get(ref, namespace, name)))
    return { result: 'skipped', detail: `Machine ${namespace}/${name} no longer exists` };
  await mgmt.delete(ref, namespace, name);
  return { result: 'done', detail: `deleted Machine ${namespace}/${name}` };
}

async function scalePool(
  mgmt: KubeClient,
  namespace: string,
  name: string,
  replicas: number | undefined,
): Promise<ActionOutcome> {
  if (replicas === undefined) return { result: 'skipped', detail: 'the report gives no replica count' };
  const ref = await mgmt.resolve({ group: 'cluster.x-k8s.io', kind: 'MachineDeployment' });
  if (!(await mgmt.get(ref, namespace, name)))
    return {
      result: 'failed',
      detail: `MachineDeployment ${namespace}/${name} not found in the management cluster: restore first`,
    };
  await mgmt.patch(ref, namespace, name, { spec: { replicas } }, 'merge');
  return { result: 'done', detail: `scaled MachineDeployment ${namespace}/${name} to ${replicas}` };
}

async function vmAction(
  session: SoapSession,
  target: RemediationStep['action']['target'],
  verb: string,
  act: (s: SoapSession, moref: string) => Promise<void>,
): Promise<ActionOutcome> {
  // Re-read the VM (one small call by its id; a full listing only for reports without one):
  // it must still be the one the report saw, with the same BIOS UUID.
  const vm: VmRecord | undefined = target.moref
    ? await getVirtualMachine(session, target.moref)
    : findVm(await listVirtualMachines(session), target);
  if (!vm) return { result: 'skipped', detail: `VM ${target.name} no longer exists` };
  if (target.uuid && vm.biosUuid?.toLowerCase() !== target.uuid.toLowerCase()) {
    return {
      result: 'skipped',
      detail: `VM ${vm.moref} is no longer the one the report saw (BIOS UUID ${vm.biosUuid})`,
    };
  }
  if (verb === 'power off' && vm.powerState === 'poweredOff')
    return { result: 'skipped', detail: `VM ${vm.name} is already off` };
  await act(session, vm.moref);
  return { result: 'done', detail: `${verb === 'destroy' ? 'destroyed' : 'powered off'} VM ${vm.name}` };
}

function groupByFinding(plan: PlannedStep[]): Map<string, RemediationStep[]> {
  const groups = new Map<string, RemediationStep[]>();
  for (const p of plan) groups.set(p.finding, [...(groups.get(p.finding) ?? []), p.step]);
  for (const steps of groups.values()) steps.sort((a, b) => a.order - b.order);
  return groups;
}

function describeTarget(step: RemediationStep): string {
  const t = step.action.target;
  return `${t.plane}:${t.kind}/${t.namespace ? `${t.namespace}/` : ''}${t.name}`;
}
