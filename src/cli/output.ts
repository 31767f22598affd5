/** Printing data the kubectl way: aligned tables, JSON or YAML, colour only when allowed. */
import { createRequire } from 'node:module';
import { type Command, Option } from 'commander';
import type { CliContext, OutputFormat } from './context.js';

// yaml is loaded for `-o yaml` only (start-up, docs/benchmarks.md); its CommonJS build loads synchronously.
const require = createRequire(import.meta.url);
const stringify = (data: unknown): string => (require('yaml') as typeof import('yaml')).stringify(data);

/** A table: header row plus data rows of strings. */
export interface Table {
  headers: string[];
  rows: string[][];
}

/** Renders a table with columns padded to their widest cell (like `kubectl get`). */
export function renderTable(table: Table): string {
  const all = [table.headers, ...table.rows];
  const widths = table.headers.map((_, i) => Math.max(...all.map((row) => visibleLength(row[i] ?? ''))));
  return `${all
    .map((row) =>
      row
        .map((cell, i) => (i === row.length - 1 ? cell : pad(cell, widths[i]!)))
        .join('   ')
        .trimEnd(),
    )
    .join('\n')}\n`;
}

function pad(cell: string, width: number): string {
  return cell + ' '.repeat(Math.max(0, width - visibleLength(cell)));
}

// ANSI colour codes take no space on screen.
function visibleLength(s: string): number {
  // biome-ignore lint/suspicious/noControlCharactersInRegex: stripping ANSI escapes is the point
  return s.replace(/\u001b\[[0-9;]*m/g, '').length;
}

/** Prints `data` as JSON/YAML, or as the table `toTable` builds from it. */
export function printData(
  ctx: CliContext,
  data: unknown,
  toTable: () => Table,
  fallback: OutputFormat = 'table',
): void {
  const format = ctx.globals.output ?? fallback;
  if (format === 'json') ctx.stdout.write(`${JSON.stringify(data, null, 2)}\n`);
  else if (format === 'yaml') ctx.stdout.write(stringify(data));
  else ctx.stdout.write(renderTable(toTable()));
}

/** `printData` for lists: an empty table prints `empty` on stderr instead, as kubectl does. */
export function printList(ctx: CliContext, data: unknown, toTable: () => Table, empty: string): void {
  const table = (ctx.globals.output ?? 'table') === 'table' ? toTable() : undefined;
  if (table?.rows.length === 0) ctx.stderr.write(`${empty}\n`);
  else printData(ctx, data, () => table ?? toTable());
}

/** Colours a word when colour is on (TTY and no NO_COLOR). */
export function paint(ctx: CliContext, colour: 'red' | 'green' | 'yellow' | 'bold', text: string): string {
  if (!ctx.globals.color) return text;
  const codes = { red: 31, green: 32, yellow: 33, bold: 1 } as const;
  return `\u001b[${codes[colour]}m${text}\u001b[0m`;
}

/** Adds kubectl's `-o, --output` to a command that prints data. */
export function addOutputOption(cmd: Command, formats: OutputFormat[] = ['table', 'json', 'yaml']): Command {
  return cmd.addOption(
    new Option('-o, --output <format>', `output format: ${formats.join('|')}`).choices(formats),
  );
}
