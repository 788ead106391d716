// The list of built-in actions: the only place that names them all.
// Each family keeps its own block; add one import and one entry per action.
import type { ActionDefinition } from './define.js';

// Flow and variables
import assign from './assign.js';
import begin from './begin.js';
import caseAction from './case.js';
import end from './end.js';
import forAction from './for.js';
import ifAction from './if.js';
import loop from './loop.js';
import returnAction from './return.js';
import runscript from './runscript.js';
import runsub from './runsub.js';
import snippet from './snippet.js';
import spawn from './spawn.js';
import wait from './wait.js';

// Personal Connection

// CRM and agent

export const BUILTIN_ACTIONS: readonly ActionDefinition[] = [
  // Flow and variables
  begin, end, returnAction, assign, snippet, ifAction, caseAction, loop, forAction, wait, runsub, runscript, spawn,
  // Personal Connection
  // CRM and agent
];
