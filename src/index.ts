// The package's public API (`import … from 'studio-script'`): load scripts and
// a tenant, create a runtime, run scripts on the virtual clock, subscribe to
// trace events, snapshot and resume, and define custom actions.

// Loading scripts
export { checkPaths, formatText, loadFolder, loadScriptText, parseScript } from './graph/load.js';
export type { CheckResult, LoadedScript, LoadOptions, ScriptSet } from './graph/load.js';
export type { ActionNode, BranchEdge, MediaType, ScriptGraph } from './contract/script-graph.js';

// Importing Desktop Studio XML
export { exportStudio, importStudio, importStudioXml } from './import/index.js';
export type { ExportOptions, ExportResult, ImportOptions, ImportResult } from './import/index.js';

// Diagnostics
export { formatDiagnostic, formatDiagnosticLine, ScriptLoadError } from './contract/diagnostics.js';
export type { Diagnostic, Severity, Span } from './contract/diagnostics.js';

// Tenant
export { emptyTenant, loadTenant, tenantFromData } from './tenant/index.js';
export { uploadCallingList, ListUploadError } from './tenant/lists-upload.js';
export type { ListUploadOptions, ListUploadReport } from './tenant/lists-upload.js';
export type { Tenant, TenantOptions, TenantStore } from './tenant/index.js';

// Runtime
export { createRuntime, RuntimeOptionError } from './runtime/runtime.js';
export type { Runtime, RunOptions, RuntimeOptions, TenantLike, CallStart } from './runtime/runtime.js';
export type { InterceptedCall, Interceptor } from './runtime/services.js';
export type { ContactInfo } from './runtime/scheduler.js';
export type { BackgroundProcess, ProcessServices } from './contract/process.js';
export { StateError } from './contract/state-check.js';
export type { Snapshot } from './runtime/state.js';
export type { Effects, RunResult, RunStatus, SpawnedRunSummary, TraceEvent, TraceEventType } from './runtime/result.js';
export { traceLines } from './runtime/trace-text.js';
export type { TraceSite, TraceWriter } from './runtime/trace-writer.js';

// Custom actions
export { boolean, defineAction, expression, list, number, oneOf, text, value, variable } from './actions/define.js';
export type { ActionDefinition, ActionSpec, PropKind, PropSpec } from './actions/define.js';
export type { ActionContext, Control, Outcome, RunInfo } from './contract/action.js';
export type { Clock } from './contract/clock.js';
export type { EffectKind } from './contract/effects.js';
export type { Limits } from './contract/limits.js';
export type { RunEndContext } from './contract/run-end.js';
export { DEFAULT_LIMITS } from './contract/limits.js';
export { ActionRegistry, builtinRegistry } from './actions/registry.js';

// Values
export { DateValue } from './contract/value.js';
export type { DdoArray, DdoObject, EncodedValue, Value } from './contract/value.js';

// HTTP
export { noNetwork } from './http/no-network.js';
export type { HttpClient, HttpRequest, HttpResponse } from './contract/http.js';
export { createRealHttp, createStubHttp, HttpError } from './http/index.js';
export type { HttpStub, RealHttpClient, StubHttpClient, UnmatchedStub } from './http/index.js';
export { defineConfig } from './cli/config-schema.js';
export type { StudioScriptConfig } from './cli/config-schema.js';
