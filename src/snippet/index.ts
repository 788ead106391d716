// The snippet language's public API: compile snippets, expressions and
// property templates; the value helpers every other part of the project uses.
export type {
  Compiled, CompiledExpression, CompiledSnippet, CompiledTemplate, SnippetEnv, SnippetResult, SnippetRunError, SourceOrigin, VariableReader,
} from '../contract/snippet.js';
export { compileExpression, compileSnippet, compileTemplate, failedSnippet, SnippetEvalError, spanOf } from './compile.js';
export { compareValues, countOf, formatNumber, isTruthy, numericValue, snippetEquals, toNumber, toText } from './convert.js';
export { formatDate, fromOle, parseDate, toOle } from './dates.js';
export { checkNesting, decodeValue, decodeValues, encodeValue, encodeValues, freezeValue, fromJson, MAX_NESTING, NestingError, toJsonValue } from './json.js';
export { RESERVED as RESERVED_VARIABLES } from './run-state.js';
export { DateValue, isDdo } from '../contract/value.js';
export type { DatePart, DdoArray, DdoObject, EncodedValue, Value } from '../contract/value.js';
export { BUILTINS } from './builtins/index.js';
