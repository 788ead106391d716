// Flow and variables (docs/actions/flow.md): one line per built-in action.
export { default as assign } from '../assign.js';
export { default as begin } from '../begin.js';
export { default as caseAction } from '../case.js';
export { default as end } from '../end.js';
export { default as forAction } from '../for.js';
export { default as ifAction } from '../if.js';
export { default as loop } from '../loop.js';
export { default as returnAction } from '../return.js';
export { default as runscript } from '../runscript.js';
export { default as runsub } from '../runsub.js';
export { default as snippet } from '../snippet.js';
export { default as spawn } from '../spawn.js';
export { default as wait } from '../wait.js';
