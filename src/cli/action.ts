/** Command actions that load when their command runs: start-up loads only the command definitions. */
import type { Command } from 'commander';
import type { CliContext } from './context.js';

/**
 * A commander action handler that imports the action's module only when the command runs, so
 * `--help` and the other commands never load it or what it imports (the Kubernetes client, zod
 * schemas, the AWS SDK…). The action gets the context, then the command's arguments and flags.
 * Each definition under `commands/` passes a loader of its module under `actions/`; see ADR 0013.
 */
export function lazyAction<A extends unknown[]>(
  makeContext: (cmd: Command) => CliContext,
  load: () => Promise<(ctx: CliContext, ...args: A) => Promise<void>>,
): (...args: unknown[]) => Promise<void> {
  return async (...args) => {
    // Commander passes the declared arguments, the flags, then the command itself.
    const ctx = makeContext(args.at(-1) as Command);
    const action = await load();
    await action(ctx, ...(args.slice(0, -1) as A));
  };
}
