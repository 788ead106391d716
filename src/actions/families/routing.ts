// Routing and hours: agents, queues, transfers, callbacks (docs/actions/routing.md):
// one line per built-in action.
export { default as blindxfer } from '../blindxfer.js';
export { default as callback } from '../callback.js';
export { default as commitment } from '../commitment.js';
export { default as hours } from '../hours.js';
export { default as placecall } from '../placecall.js';
export { default as pullagent } from '../pullagent.js';
export { default as querycallback } from '../querycallback.js';
export { default as queuecallback } from '../queuecallback.js';
export { default as reqagent } from '../reqagent.js';
export { default as transfer } from '../transfer.js';
