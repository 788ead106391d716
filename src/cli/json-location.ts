// Locating a JSON syntax error as `file:line:col` for option files such as
// `run --vars`.
import { positionAt } from '../contract/diagnostics.js';
import { jsonErrorOffset, jsonErrorReason } from '../contract/json-offset.js';
import { UsageError } from './io.js';

export { locateDeepNesting } from '../contract/json-offset.js';

/** A JSON syntax error located as `file:line:col` (Node 20's messages do not always carry the position). */
export class JsonSyntaxError extends UsageError {
  constructor(file: string, text: string, err: unknown) {
    const { line, col } = positionAt(text, jsonErrorOffset(text, err));
    super(`${file}:${line}:${col}: invalid JSON: ${jsonErrorReason(err)}`);
  }
}
