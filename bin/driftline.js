#!/usr/bin/env node
// Entry point: runs the bundled CLI from dist/cli/ (npm run build; ADR 0013).
import module from 'node:module';

// Node 22.1+ keeps the compiled bundle in a cache (its temporary directory) for the next command;
// Node 20 has no such cache and this does nothing. NODE_DISABLE_COMPILE_CACHE=1 turns it off.
module.enableCompileCache?.();
// Imported after the cache is on, so the bundle is read through it.
const { run } = await import('../dist/cli/main.js');

process.exitCode = await run(process.argv);
