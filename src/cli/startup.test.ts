// Start-up loads command definitions only (ADR 0013): what the CLI entry imports statically — and so
// what `driftline --help` and every command load before their action — reaches no heavy module.
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';

const ROOT = resolve(import.meta.dirname, '../..');
const ENTRY = join(ROOT, 'src/cli/main.ts');

// Packages the definitions may load: commander parses the command line and prints help.
const ALLOWED_PACKAGES = new Set(['commander']);
// Modules outside src/cli and src/common the definitions may load: constants only, no imports.
const ALLOWED_MODULES = new Set([
  'src/restore/types.ts', // the --existing-resource-policy choices
]);

/** The specifiers a module imports at run time: `import type` and `export type` are erased, import() is lazy. */
function runtimeImports(file: string): string[] {
  const source = ts.createSourceFile(file, readFileSync(file, 'utf8'), ts.ScriptTarget.ES2022);
  return source.statements.flatMap((s) => {
    // verbatimModuleSyntax keeps `import { type A } from 'x'` as `import {} from 'x'`: x still loads.
    if (ts.isImportDeclaration(s) && !s.importClause?.isTypeOnly)
      return [(s.moduleSpecifier as ts.StringLiteral).text];
    if (ts.isExportDeclaration(s) && s.moduleSpecifier && !s.isTypeOnly)
      return [(s.moduleSpecifier as ts.StringLiteral).text];
    return [];
  });
}

function packageName(specifier: string): string {
  const parts = specifier.split('/');
  return specifier.startsWith('@') ? parts.slice(0, 2).join('/') : parts[0]!;
}

/** Every module and package reachable from `entry` through static imports, each with the chain that reaches it. */
function staticGraph(entry: string): { files: Map<string, string[]>; packages: Map<string, string[]> } {
  const files = new Map<string, string[]>([[entry, [entry]]]);
  const packages = new Map<string, string[]>();
  const queue = [entry];
  for (let file = queue.shift(); file; file = queue.shift()) {
    const chain = files.get(file)!;
    for (const specifier of runtimeImports(file)) {
      if (specifier.startsWith('node:')) continue;
      if (!specifier.startsWith('.')) {
        if (!packages.has(packageName(specifier)))
          packages.set(packageName(specifier), [...chain, specifier]);
        continue;
      }
      const target = resolve(dirname(file), specifier.replace(/\.js$/, '.ts'));
      if (!existsSync(target)) throw new Error(`${file}: cannot resolve ${specifier}`);
      if (files.has(target)) continue;
      files.set(target, [...chain, target]);
      queue.push(target);
    }
  }
  return { files, packages };
}

const show = (chain: string[]): string => chain.map((f) => relative(ROOT, f) || f).join(' → ');

describe('the CLI entry (what every command loads before its action)', () => {
  const { files, packages } = staticGraph(ENTRY);

  it('loads no package but commander (zod, yaml, pino, client-node and the AWS SDK load with the actions that use them)', () => {
    const heavy = [...packages]
      .filter(([name]) => !ALLOWED_PACKAGES.has(name))
      .map(([, chain]) => show(chain));
    expect(heavy).toEqual([]);
  });

  it('loads no action, adapter or use case: actions are imported when their command runs', () => {
    const loadsLater = (file: string): boolean =>
      /^src\/cli\/actions\//.test(file) || (!/^src\/(cli|common)\//.test(file) && !ALLOWED_MODULES.has(file));
    const outside = [...files]
      .filter(([file]) => loadsLater(relative(ROOT, file)))
      .map(([, chain]) => show(chain));
    expect(outside).toEqual([]);
  });

  it('still registers every command module (the walk sees the definitions)', () => {
    const definitions = [...files.keys()].filter((f) => relative(ROOT, f).startsWith('src/cli/commands/'));
    expect(definitions.length).toBeGreaterThan(20);
  });
});
