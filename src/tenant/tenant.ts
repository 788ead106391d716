// The emulated business unit a run acts on: its store, zone and BU number, and
// the background processes (dialers) the scheduler runs beside the scripts.
// loadTenant reads a tenant file; emptyTenant gives a bare BU.
import { readFile } from 'node:fs/promises';
import { dirname, resolve } from 'node:path';
import { diagnostic, hasErrors, looksBinary, ScriptLoadError, wrongKind, type Diagnostic } from '../contract/diagnostics.js';
import type { BackgroundProcess } from '../contract/process.js';
import { dialersFor } from './dialer.js';
import { hasDigitalChannels, ReplyProcess } from './digital/replies.js';
import { sendersFor } from './digital/sender.js';
import { previewDialersFor } from './preview/dialer.js';
import { parseTenantText } from './document.js';
import { MemoryTenantStore } from './memory-store.js';
import { validateTenantData } from './schema.js';
import { DataFileError } from './data-file.js';
import { stateFailureDiagnostic, withBulkLoad } from './bulk-load.js';
import type { DataFileLoad, Locate, TenantDocument } from './section.js';
import { TENANT_SECTIONS } from './sections.js';
import { readStateInfo, SqliteTenantStore } from './sqlite-store.js';
import { isDiskFull, StateFileError, stateError } from './state-file.js';
import type { TenantStore } from '../contract/tenant-store.js';
import { resolveZoneName } from './zones.js';

export interface Tenant {
  readonly store: TenantStore;
  /** The BU's IANA zone. */
  readonly timeZone: string;
  readonly businessUnit: number | null;
  /** The tenant file, or null for an empty tenant. */
  readonly file: string | null;
  /** Warnings found while loading (errors throw). */
  readonly warnings: readonly Diagnostic[];
  /** Fresh background processes for a scheduler: one dialer per PC skill with a dialer, one sender per outbound digital skill, the replies of digital channels. */
  background(): BackgroundProcess[];
  /** Closes the store (flushes and releases a state file). */
  close(): void;
  /**
   * A copy whose changes stay its own, at a cost that does not depend on the
   * tenant's size (the memory store's copy-on-write fork): a test session opens
   * a tenant once and gives each case a copy. A tenant kept in a state file
   * cannot be copied (its state is the file's): throws.
   */
  fork(): Tenant;
}

export interface TenantOptions {
  /** SQLite state file: the tenant persists there between invocations. */
  state?: string;
  /** The state file is scratch space removed after use (`lists upload` without --state): its loads never sync (SqliteTenantStore.scratch). */
  scratch?: boolean;
}

/** Checks a tenant file without opening any store: every diagnostic (errors and warnings), located. */
export async function checkTenantFile(file: string): Promise<{ diagnostics: Diagnostic[]; source?: string; doc?: TenantDocument; locate?: Locate }> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (err) {
    const reason = (err as NodeJS.ErrnoException).code === 'ENOENT' ? 'file not found' : (err as Error).message;
    return { diagnostics: [diagnostic('E-TENANT-FILE', `cannot read tenant file: ${reason}`, { file, line: 1, col: 1 })] };
  }
  return { ...checkTenantText(text, file), source: text };
}

/** Checks tenant text (YAML or JSON) named `file`. */
export function checkTenantText(text: string, file: string): { diagnostics: Diagnostic[]; doc?: TenantDocument; locate?: Locate } {
  // Binary data or a document that is not a mapping (another kind of file) is named, never quoted.
  if (looksBinary(text)) return { diagnostics: [wrongKind('E-TENANT-FILE', 'not a tenant file: the file holds binary data', file)] };
  const parsed = parseTenantText(text, file);
  if (parsed.data === undefined) return { diagnostics: parsed.diagnostics };
  if (parsed.data === null || typeof parsed.data !== 'object' || Array.isArray(parsed.data))
    return { diagnostics: [wrongKind('E-TENANT-FILE', `not a tenant file: expected a mapping of sections (timeZone, skills, …), found ${Array.isArray(parsed.data) ? 'a list' : 'plain text'}`, file)] };
  const schemaErrors = validateTenantData(parsed.data, parsed.locate);
  if (schemaErrors.length > 0) return { diagnostics: schemaErrors };
  const doc: TenantDocument = { file, data: parsed.data as Record<string, unknown> };
  const diagnostics: Diagnostic[] = [];
  for (const section of TENANT_SECTIONS) {
    if (section.validate && doc.data[section.key] !== undefined) diagnostics.push(...section.validate(doc, parsed.locate));
  }
  if (doc.data.timeZone === undefined)
    diagnostics.push(diagnostic('W-TENANT-ZONE', 'no timeZone: the business unit runs in UTC', parsed.locate([]), 'warning'));
  return { diagnostics, doc, locate: parsed.locate };
}

/**
 * Loads a tenant file (YAML or JSON) and the data files it names; throws
 * ScriptLoadError with every diagnostic when it has errors.
 */
export async function loadTenant(file: string, opts: TenantOptions = {}): Promise<Tenant> {
  return loadCheckedTenant(await checkTenantFile(file), opts);
}

type Checked = { diagnostics: Diagnostic[]; doc?: TenantDocument; locate?: Locate };

/**
 * Opens a tenant from the result of checkTenantFile/checkTenantText, so a
 * caller that opens many tenants from one file parses and validates it once.
 * Throws ScriptLoadError when the check failed, or when the file names data
 * files (those are streamed: use loadCheckedTenant).
 */
export function openCheckedTenant(checked: Checked, opts: TenantOptions = {}): Tenant {
  if (!checked.doc || hasErrors(checked.diagnostics)) throw new ScriptLoadError(checked.diagnostics);
  const { tenant, files } = openTenant(checked.doc, checked.diagnostics, opts, checked.locate);
  if (files.length > 0) {
    tenant.close();
    const where = checked.locate?.(files[0]!.path) ?? { file: checked.doc.file, line: 1, col: 1 };
    throw new ScriptLoadError([diagnostic('E-TENANT-DATA', 'this tenant names data files, which are read asynchronously: open it with loadTenant or loadCheckedTenant', where)]);
  }
  return tenant;
}

/** openCheckedTenant, then the data files the tenant names, streamed into its store in one bulk load. */
export async function loadCheckedTenant(checked: Checked, opts: TenantOptions = {}): Promise<Tenant> {
  if (!checked.doc || hasErrors(checked.diagnostics)) throw new ScriptLoadError(checked.diagnostics);
  const { tenant, files } = openTenant(checked.doc, checked.diagnostics, opts, checked.locate);
  if (files.length === 0) return tenant;
  const warnings = [...tenant.warnings];
  let current: DataFileLoad | undefined;
  try {
    await withBulkLoad(tenant.store, async (bulk) => {
      for (current of files) warnings.push(...(await current.load(tenant.store, bulk)));
    });
  } catch (err) {
    closeFailed(tenant.store);
    if (err instanceof DataFileError || err instanceof ScriptLoadError) throw new ScriptLoadError(err.diagnostics);
    // The store's failure (a full disk, a locked file) is the state file's problem, wherever the load was.
    if (err instanceof StateFileError) throw new ScriptLoadError([stateFailureDiagnostic(err, "the tenant's data files")]);
    const where = (current && checked.locate?.(current.path)) ?? { file: checked.doc.file, line: 1, col: 1 };
    throw new ScriptLoadError([diagnostic('E-TENANT-DATA', `${current?.file ?? 'data file'}: ${(err as Error).message}`, where)]);
  }
  return makeTenant(tenant.store, checked.doc.file, warnings);
}

/** A tenant from data already in memory (tests, embedding); validated like a file named `name`. */
export function tenantFromData(data: Record<string, unknown>, opts: TenantOptions & { name?: string } = {}): Tenant {
  return openCheckedTenant(checkTenantText(JSON.stringify(data, null, 2), opts.name ?? '<tenant>'), opts);
}

/** A business unit with no skills, sources or records, in `zone` (default UTC). */
export function emptyTenant(zone = 'UTC', opts: TenantOptions & { businessUnit?: number } = {}): Tenant {
  const timeZone = resolveZoneName(zone);
  if (!timeZone) throw new ScriptLoadError([diagnostic('E-TENANT-ZONE', `"${zone}" is not an IANA or Windows time zone name`, { file: '<tenant>', line: 1, col: 1 })]);
  return makeTenant(openStore(timeZone, opts.businessUnit ?? null, opts.state, false, opts.scratch === true), null, []);
}

/**
 * The tenant a state file holds, with the zone and BU it was last opened with
 * (for inspecting state without its tenant file). Throws ScriptLoadError when
 * the file is not a studio-script state file.
 */
export function openStateFile(state: string, opts: { readonly?: boolean } = {}): Tenant {
  let info: ReturnType<typeof readStateInfo>;
  try {
    info = readStateInfo(state);
  } catch (err) {
    throw new ScriptLoadError([stateDiagnostic(state, err)]);
  }
  if (!info) throw new ScriptLoadError([stateDiagnostic(state, new StateFileError(state, 'not-state', 'not a studio-script state file (no tenant tables)'))]);
  // Only reading (tenant show) never writes to the file, so it works beside a run that holds it.
  return makeTenant(openStore(info.timeZone, info.businessUnit, state, opts.readonly === true), null, []);
}

/** A state file problem as a diagnostic at the file (never with an excerpt: the file is binary). */
export function stateDiagnostic(file: string, err: unknown): Diagnostic {
  const e = stateError(file, err);
  const message = e instanceof StateFileError ? `cannot open state file: ${e.message}` : `cannot open state file: ${e.message}`;
  return { ...diagnostic('E-TENANT-STATE', message, { file, line: 1, col: 1 }), noExcerpt: true };
}

function openTenant(doc: TenantDocument, warnings: Diagnostic[], opts: TenantOptions, locate?: Locate): { tenant: Tenant; files: DataFileLoad[] } {
  const timeZone = typeof doc.data.timeZone === 'string' ? (resolveZoneName(doc.data.timeZone) ?? 'UTC') : 'UTC';
  const businessUnit = typeof doc.data.businessUnit === 'number' ? doc.data.businessUnit : null;
  const store = openStore(timeZone, businessUnit, opts.state, false, opts.scratch === true);
  const fresh = store instanceof SqliteTenantStore ? store.fresh : true;
  const files: DataFileLoad[] = [];
  const info = { fresh, timeZone, file: doc.file, dir: dirname(resolve(doc.file)), dataFile: (f: DataFileLoad) => void files.push(f) };
  let current = '';
  try {
    store.transaction(() => {
      for (const section of TENANT_SECTIONS) {
        const data = doc.data[section.key];
        current = section.key;
        if (data !== undefined && section.load) section.load(store, data, info);
      }
    });
  } catch (err) {
    closeFailed(store);
    if (err instanceof ScriptLoadError) throw err;
    // A section refusing the file against existing state (e.g. a CRM region change) is the file's error.
    // An error that knows where inside its section the refused value sits (the CRM region) points there.
    const path = (err as { path?: unknown } | null)?.path;
    const inside = Array.isArray(path) ? (path as (string | number)[]) : null;
    // A full disk or a locked file is the state file's problem, not the tenant file's.
    if (opts.state !== undefined && (isDiskFull(err) || String((err as { code?: unknown } | null)?.code ?? '').startsWith('SQLITE_')))
      throw new ScriptLoadError([stateDiagnostic(opts.state, isDiskFull(err) ? new StateFileError(opts.state, 'full', 'the disk is full: nothing of the tenant file was written') : err)]);
    const where = (inside ? locate?.([current, ...inside], 'value') : locate?.([current], 'key')) ?? { file: doc.file, line: 1, col: 1 };
    const reason = err instanceof Error ? err.message : String(err);
    throw new ScriptLoadError([diagnostic('E-TENANT-STATE', `${current}: ${reason}${opts.state ? ` (state file ${opts.state})` : ''}`, where)]);
  }
  return { tenant: makeTenant(store, doc.file, warnings), files };
}

/**
 * Closes the store of a tenant that failed to open. A state file this open
 * created holds no tables afterwards, so the next open loads the whole tenant
 * into it (sections, seed records and data files load only into a new file).
 */
function closeFailed(store: TenantStore): void {
  if (store instanceof SqliteTenantStore && store.fresh) {
    try {
      store.closeAsNew();
    } catch {
      // A store failing again (a full disk): the file keeps the tables it has; the failure is reported as it is.
    }
  }
  store.close();
}

function openStore(timeZone: string, businessUnit: number | null, state: string | undefined, readonly = false, scratch = false): TenantStore {
  if (state === undefined) return new MemoryTenantStore(timeZone, businessUnit);
  try {
    return new SqliteTenantStore(state, timeZone, businessUnit, { readonly, scratch });
  } catch (err) {
    throw new ScriptLoadError([stateDiagnostic(state, err)]);
  }
}

function makeTenant(store: TenantStore, file: string | null, warnings: Diagnostic[]): Tenant {
  return {
    store,
    timeZone: store.timeZone,
    businessUnit: store.businessUnit,
    file,
    warnings,
    background: () => [...dialersFor(store), ...previewDialersFor(store), ...sendersFor(store), ...(hasDigitalChannels(store) ? [new ReplyProcess(store)] : [])],
    close: () => store.close(),
    fork: () => {
      if (!(store instanceof MemoryTenantStore)) throw new Error('a tenant kept in a state file cannot be copied');
      return makeTenant(store.fork(), file, warnings);
    },
  };
}
