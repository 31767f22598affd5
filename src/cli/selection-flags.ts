/** Velero's selection flags, shared by `backup create`, `schedule create` and `restore create`. */
import { type Command, InvalidArgumentError } from 'commander';
import type { SelectionOptions } from '../backup/selection.js';

/** The parsed selection flags. */
export interface SelectionFlags {
  includeNamespaces?: string[];
  excludeNamespaces?: string[];
  includeResources?: string[];
  excludeResources?: string[];
  includeClusterResources?: boolean;
  selector?: string;
}

/** The domain's selection from the parsed flags (`-l` is the label selector). */
export function selectionOf(flags: SelectionFlags): SelectionOptions {
  return {
    includeNamespaces: flags.includeNamespaces,
    excludeNamespaces: flags.excludeNamespaces,
    includeResources: flags.includeResources,
    excludeResources: flags.excludeResources,
    includeClusterResources: flags.includeClusterResources,
    labelSelector: flags.selector,
  };
}

/** Comma-separated, repeatable list flag. */
export const listFlag = (v: string, prev: string[] = []): string[] => [
  ...prev,
  ...v
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean),
];

/** Parses `[true|false]` flag values (a bare flag means true). */
export function boolFlag(v: string | undefined): boolean {
  if (v === undefined || v === 'true') return true;
  if (v === 'false') return false;
  throw new InvalidArgumentError(`expected true or false, got ${v}`);
}

/** Adds the selection flags; `verb` words the help ("back up" or "restore"), `clusterScoped` the default. */
export function addSelectionOptions(cmd: Command, verb: string, clusterScoped: string): Command {
  return cmd
    .option(
      '--include-namespaces <globs>',
      `namespaces to ${verb} (comma-separated globs, default *)`,
      listFlag,
    )
    .option('--exclude-namespaces <globs>', `namespaces not to ${verb} (comma-separated globs)`, listFlag)
    .option(
      '--include-resources <names>',
      `resources to ${verb}: plural, plural.group, kind or short name`,
      listFlag,
    )
    .option('--exclude-resources <names>', `resources not to ${verb}`, listFlag)
    .option(
      '--include-cluster-resources [bool]',
      `${verb} cluster-scoped resources (default: ${clusterScoped})`,
      boolFlag,
    )
    .option('-l, --selector <selector>', 'only objects matching this label selector');
}
