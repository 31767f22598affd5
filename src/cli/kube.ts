/** Connects to the cluster the global flags (--kubeconfig, --context, KUBECONFIG) name. */
import { KubeClient } from '../adapters/kube/index.js';
import type { CliContext } from './context.js';

/** A client for the current (or --context) cluster. */
export function connectCurrent(ctx: CliContext, context = ctx.globals.context): KubeClient {
  return KubeClient.connect({ file: ctx.globals.kubeconfig, context, env: ctx.env, logger: ctx.logger });
}
