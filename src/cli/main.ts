#!/usr/bin/env node
// The `studio-script` command (the program itself is program.ts; its commands commands.ts).
import { runCommandLine } from './program.js';

await runCommandLine(process.argv);
