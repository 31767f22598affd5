#!/usr/bin/env node
// Entry point: runs the compiled CLI from dist/ (npm run build).
import { run } from '../dist/src/cli/main.js';

process.exitCode = await run(process.argv);
