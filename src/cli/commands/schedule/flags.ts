/** `--state-dir`, shared by the schedule commands (actions/schedule/store.ts opens it). */
import type { Command } from 'commander';

/** `--state-dir`. */
export interface StateFlags {
  stateDir?: string;
}

/** Adds `--state-dir`. */
export function addStateDirOption(cmd: Command): Command {
  return cmd.option(
    '--state-dir <dir>',
    'where schedules are kept (default: $XDG_STATE_HOME/driftline or ~/.local/state/driftline)',
  );
}
