// Loads what cases run against — a script folder and a tenant file — once per
// session (or per worker thread), and starts each run on a fresh runtime with
// its own copy of the tenant (runs never see each other's changes; a copy
// costs the same for a tenant of ten records or a hundred thousand). The one
// place the test runner touches the loader, tenant and runtime APIs.
import { scriptReplies, type ScriptedReply } from '../tenant/digital/inbox.js';
import type { ActionRegistry } from '../actions/registry.js';
import { ScriptLoadError } from '../contract/diagnostics.js';
import { loadFolder, type ScriptSet } from '../graph/load.js';
import type { ScriptGraph } from '../contract/script-graph.js';
import type { HttpClient } from '../contract/http.js';
import type { RunResult } from '../runtime/result.js';
import { createRuntime, type CallStart } from '../runtime/runtime.js';
import type { ContactInfo } from '../runtime/scheduler.js';
import type { Value } from '../contract/value.js';
import type { Limits } from '../contract/limits.js';
import { checkTenantFile, emptyTenant, loadCheckedTenant, type Tenant } from '../tenant/index.js';
import { parseDuration } from '../contract/duration.js';
import type { CallerScript } from '../phone/caller-script.js';
import type { Intercept } from './interceptor.js';

export interface Project {
  scripts: ScriptSet;
  /** Every script graph of the folder, in name order (coverage covers them all). */
  graphs: ScriptGraph[];
  registry: ActionRegistry;
  /** The tenant for one run: a copy of the one loaded, that no other run sees. */
  openTenant(): Tenant;
}

export interface RunRequest {
  script: string;
  /** The point of contact the contact arrives at (the script must be its script). */
  poc?: string;
  vars: Record<string, Value>;
  now: string;
  until?: string;
  seed?: number;
  limits?: Partial<Limits>;
  contact?: Record<string, unknown>;
  /** What customers answer on digital channels. */
  replies?: readonly ScriptedReply[];
  caller?: CallerScript;
  /** Other calls on the same tenant and clock (a case's `calls:`). */
  calls?: readonly RequestCall[];
  intercept: Intercept;
  http: HttpClient;
  /** Variables shown as `***` in every output. */
  redact?: string[];
}

export interface RequestCall {
  script: string;
  poc?: string;
  at?: string;
  vars: Record<string, Value>;
  contact?: Record<string, unknown>;
  caller?: CallerScript;
}

/** Loads a script folder and an optional tenant file; throws ScriptLoadError for invalid input. */
export async function loadProject(folder: string, tenantFile?: string, registry?: ActionRegistry): Promise<Project> {
  // Scripts and tenant are checked together, so one run reports the problems of both.
  const [scripts, tenant] = await Promise.allSettled([loadFolder(folder, registry ? { registry } : {}), loadTenantData(tenantFile)]);
  const problems = [scripts, tenant].flatMap((r) => (r.status === 'rejected' ? [r.reason as unknown] : []));
  if (problems.length > 0) {
    const diagnostics = problems.flatMap((p) => (p instanceof ScriptLoadError ? p.diagnostics : []));
    throw diagnostics.length > 0 ? new ScriptLoadError(diagnostics) : problems[0];
  }
  const set = (scripts as PromiseFulfilledResult<ScriptSet>).value;
  const checked = (tenant as PromiseFulfilledResult<CheckedTenant | undefined>).value;
  // The tenant is opened once; each run gets a copy-on-write copy, whose cost does not grow with the tenant.
  const base = checked === undefined ? emptyTenant() : await loadCheckedTenant(checked);
  const openTenant = (): Tenant => base.fork();
  const graphs = [...set.scripts.values()].map((s) => s.graph).sort((a, b) => a.name.localeCompare(b.name));
  return { scripts: set, graphs, registry: set.registry, openTenant };
}

type CheckedTenant = Awaited<ReturnType<typeof checkTenantFile>>;

/** The tenant file, parsed and validated once; each run opens its own tenant from it. */
async function loadTenantData(file: string | undefined): Promise<CheckedTenant | undefined> {
  if (file === undefined) return undefined;
  const checked = await checkTenantFile(file);
  if (!checked.doc || checked.diagnostics.some((d) => d.severity === 'error')) throw new ScriptLoadError(checked.diagnostics);
  return checked;
}

/** One run on a fresh runtime and tenant, with the full trace kept. */
export async function runOnce(project: Project, req: RunRequest): Promise<RunResult> {
  const tenant = project.openTenant();
  try {
    if (req.replies) scriptReplies(tenant.store, req.replies);
    const c = req.caller !== undefined ? { ...req.contact } : req.contact;
    const calls: CallStart[] | undefined = req.calls?.map(callStart);
    const runtime = createRuntime({
      scripts: project.scripts,
      tenant,
      now: req.now,
      ...(req.seed !== undefined ? { seed: req.seed } : {}),
      http: req.http,
      intercept: req.intercept,
      ...(req.redact?.length ? { redact: req.redact } : {}),
      ...(req.limits !== undefined ? { limits: req.limits } : {}),
      ...(c !== undefined ? { contact: contactInfo(c, req.caller) } : {}),
    });
    return await runtime.run(req.script, {
      vars: req.vars,
      ...(req.until !== undefined ? { until: req.until } : {}),
      ...(req.poc !== undefined ? { poc: req.poc } : {}),
      ...(calls ? { calls } : {}),
      keepTrace: true,
    });
  } finally {
    tenant.close();
  }
}

/** One of a case's `calls:` (or of a `run --calls` file) as the runtime takes it. */
export function callStart(call: RequestCall): CallStart {
  return {
    script: call.script,
    ...(call.poc !== undefined ? { poc: call.poc } : {}),
    ...(call.at !== undefined ? { at: call.at } : {}),
    vars: call.vars,
    contact: contactInfo(call.contact ?? {}, call.caller),
  };
}

/** A test file's `contact:` (and `caller:`) as the runtime takes it. */
function contactInfo(c: Record<string, unknown>, caller: CallerScript | undefined): ContactInfo {
  return {
    ...(c.ani !== undefined ? { ani: String(c.ani) } : {}),
    ...(c.dnis !== undefined ? { dnis: String(c.dnis) } : {}),
    ...(c.skill !== undefined ? { skillNo: Number(c.skill) } : {}),
    ...(c.poc !== undefined ? { poc: String(c.poc) } : {}),
    ...(c.hangUpAfter !== undefined ? { hangUpAfterSeconds: parseDuration(c.hangUpAfter as string | number) } : {}),
    ...(caller !== undefined ? { caller } : {}),
  };
}
