// Locating a JSON syntax error as `file:line:col` for option files such as
// `run --vars`.
import { positionAt } from '../contract/diagnostics.js';
import { jsonErrorOffset } from '../contract/json-offset.js';
import { UsageError } from './io.js';

/** A JSON syntax error located as `file:line:col` (Node 20's messages do not always carry the position). */
export class JsonSyntaxError extends UsageError {
  constructor(file: string, text: string, err: unknown) {
    const reason = (err instanceof Error ? err.message : String(err)).replace(/,? ?(in JSON )?at position \d+.*$/s, '').replace(/, .*is not valid JSON$/s, '');
    const { line, col } = positionAt(text, jsonErrorOffset(text, err));
    super(`${file}:${line}:${col}: invalid JSON: ${reason}`);
  }
}
