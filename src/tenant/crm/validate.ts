// Validation of the tenant file's `crm:` section: every rule of tenant.md and
// the Kustomer seed page, each problem a located Diagnostic (`E-TENANT-CRM-…`).
// Runs on the raw parsed YAML/JSON, so it never assumes a shape it has not checked.
import { diagnostic, didYouMean, type Diagnostic, type Span } from '../../contract/diagnostics.js';
import { IDENTIFIER } from '../../contract/variables.js';
import { checkNamedFile, dataFormat } from '../data-file.js';
import { normalizePhone } from '../phones.js';
import { FIELDS_BY_CHANNEL, SCRIPT_PREFIX } from './fields.js';
import { CHANNELS, CRM_TYPES, DYNAMIC_FIELD_TYPES, REGIONS, WORKFLOW_KINDS, entityKey } from './types.js';

export type Path = readonly (string | number)[];
/** Where a path of the tenant document sits in its file. */
export type Locate = (path: Path) => Span;

/** Kustomer allows at most this many text / other fields per record type in a dynamic data mapping. */
export const MAX_DYNAMIC_TEXT_FIELDS = 5;
export const MAX_DYNAMIC_OTHER_FIELDS = 3;

type Obj = Record<string, unknown>;
const isObj = (v: unknown): v is Obj => v !== null && typeof v === 'object' && !Array.isArray(v);
const isText = (v: unknown): v is string => typeof v === 'string' && v.trim() !== '';

class Checker {
  readonly out: Diagnostic[] = [];
  constructor(
    private readonly locate: Locate,
    /** The tenant file's folder: data files are named relative to it. */
    readonly dir: string,
  ) {}
  error(code: string, message: string, path: Path): void {
    this.out.push(diagnostic(`E-TENANT-CRM-${code}`, message, this.locate(path)));
  }
  warn(code: string, message: string, path: Path): void {
    this.out.push(diagnostic(`W-TENANT-CRM-${code}`, message, this.locate(path), 'warning'));
  }
  oneOf(value: unknown, allowed: readonly string[], what: string, path: Path, code = 'VALUE'): string | undefined {
    if (typeof value !== 'string' || !allowed.includes(value)) {
      const hint = typeof value === 'string' ? didYouMean(value, allowed) : undefined;
      this.error(code, `${what} must be one of ${allowed.join(', ')}${value === undefined ? '' : ` (got ${JSON.stringify(value)})`}${hint ? `; did you mean ${hint}?` : ''}`, path);
      return undefined;
    }
    return value;
  }
  /** Reports duplicate `key` values among list items. */
  unique(items: unknown[], key: string, what: string, base: Path): void {
    const seen = new Map<string, number>();
    items.forEach((item, i) => {
      if (!isObj(item) || (typeof item[key] !== 'string' && typeof item[key] !== 'number')) return;
      const k = String(item[key]).toLowerCase();
      if (seen.has(k)) this.error('DUPLICATE', `${what} "${item[key]}" is declared twice (first as item ${seen.get(k)! + 1})`, [...base, i, key]);
      else seen.set(k, i);
    });
  }
}

/** Validates `crm:` (its value and its path in the document). */
export function validateCrm(value: unknown, locate: Locate, base: Path = ['crm'], dir = '.'): Diagnostic[] {
  const c = new Checker(locate, dir);
  if (!Array.isArray(value)) {
    c.error('SHAPE', 'crm must be a list of CRM configurations', base);
    return c.out;
  }
  c.unique(value, 'id', 'CRM configuration', base);
  value.forEach((entry, i) => checkConfiguration(c, entry, [...base, i]));
  return c.out;
}

function checkConfiguration(c: Checker, entry: unknown, at: Path): void {
  if (!isObj(entry)) return c.error('SHAPE', 'a CRM configuration must be a mapping with id, type, region, baseUrl, screenpopUrl', at);
  const known = ['id', 'type', 'region', 'baseUrl', 'screenpopUrl', 'tokenRefreshSeconds', 'apiKey', 'systemUser', 'workflows', 'records', 'memorialization', 'dynamicData', 'description'];
  for (const k of Object.keys(entry))
    if (!known.includes(k)) {
      const hint = didYouMean(k, known);
      c.error('UNKNOWN-KEY', `unknown CRM configuration key "${k}"${hint ? `; did you mean ${hint}?` : ''}`, [...at, k]);
    }
  if (!isText(entry.id)) c.error('REQUIRED', 'a CRM configuration needs an id (the ConfigurationId scripts use)', [...at, 'id']);
  c.oneOf(entry.type, CRM_TYPES, 'type', [...at, 'type'], 'TYPE');
  c.oneOf(entry.region, REGIONS, 'region', [...at, 'region'], 'REGION');
  const baseOrg = checkUrl(c, entry.baseUrl, 'baseUrl', /^https:\/\/([a-z0-9-]+)\.api\.kustomerapp\.com\/?$/i, 'https://[orgname].api.kustomerapp.com', [...at, 'baseUrl']);
  const popOrg = checkUrl(c, entry.screenpopUrl, 'screenpopUrl', /^https:\/\/([a-z0-9-]+)\.kustomerapp\.com\/app\/customers\/?$/i, 'https://[orgname].kustomerapp.com/app/customers', [...at, 'screenpopUrl']);
  if (baseOrg && popOrg && baseOrg.toLowerCase() !== popOrg.toLowerCase())
    c.warn('ORG', `screenpopUrl names the organisation "${popOrg}" but baseUrl names "${baseOrg}"`, [...at, 'screenpopUrl']);
  checkTokenRefresh(c, entry.tokenRefreshSeconds, [...at, 'tokenRefreshSeconds']);
  if (entry.apiKey !== undefined && typeof entry.apiKey !== 'string') c.error('SHAPE', 'apiKey must be text', [...at, 'apiKey']);
  if (entry.systemUser !== undefined && !isText(entry.systemUser)) c.error('SHAPE', 'systemUser must be text', [...at, 'systemUser']);
  checkWorkflows(c, entry.workflows, [...at, 'workflows']);
  checkRecords(c, entry.records, [...at, 'records']);
  checkMemorialization(c, entry.memorialization, [...at, 'memorialization']);
  checkDynamicData(c, entry.dynamicData, [...at, 'dynamicData']);
}

/** Checks an https URL; returns the organisation name when it follows Kustomer's pattern. */
function checkUrl(c: Checker, value: unknown, what: string, pattern: RegExp, form: string, at: Path): string | undefined {
  if (!isText(value)) {
    c.error('REQUIRED', `${what} is required (${form})`, at);
    return undefined;
  }
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    c.error('URL', `${what} "${value}" is not a URL (expected ${form})`, at);
    return undefined;
  }
  if (url.protocol !== 'https:') {
    c.error('URL', `${what} must be an https URL (expected ${form})`, at);
    return undefined;
  }
  const m = pattern.exec(value);
  if (!m) c.warn('URL', `${what} "${value}" does not follow Kustomer's form ${form}`, at);
  return m?.[1];
}

function checkTokenRefresh(c: Checker, value: unknown, at: Path): void {
  if (value === undefined) return;
  const ok = (n: unknown): n is number => typeof n === 'number' && Number.isFinite(n) && n >= 0 && n <= 3600;
  if (ok(value)) return;
  if (Array.isArray(value) && value.length === 2 && ok(value[0]) && ok(value[1]) && value[0] <= value[1]) return;
  c.error('TOKEN', 'tokenRefreshSeconds must be seconds (0–3600) or a range [min, max] with min ≤ max, e.g. [9, 15]', at);
}

function checkWorkflows(c: Checker, value: unknown, at: Path): void {
  if (value === undefined) return;
  if (!Array.isArray(value)) return c.error('SHAPE', 'workflows must be a list of { id, kind }', at);
  c.unique(value, 'id', 'workflow', at);
  value.forEach((w, i) => {
    const p = [...at, i];
    if (!isObj(w)) return c.error('SHAPE', 'a workflow must be a mapping { id, kind, enabled? }', p);
    if (!isText(w.id)) c.error('REQUIRED', 'a workflow needs an id (the WorkflowId scripts use)', [...p, 'id']);
    c.oneOf(w.kind, WORKFLOW_KINDS, 'workflow kind', [...p, 'kind'], 'WORKFLOW-KIND');
    if (w.enabled !== undefined && typeof w.enabled !== 'boolean') c.error('SHAPE', 'enabled must be true or false', [...p, 'enabled']);
    if (w.entity !== undefined && !isText(w.entity)) c.error('SHAPE', 'entity must be text (a record type such as leads)', [...p, 'entity']);
  });
}

function checkRecords(c: Checker, value: unknown, at: Path): void {
  if (value === undefined) return;
  if (!isObj(value)) return c.error('SHAPE', 'records must map a record type (customers, conversations, korders, …) to a list of records', at);
  for (const [entity, list] of Object.entries(value)) {
    const p = [...at, entity];
    if (isObj(list) && typeof list.file === 'string') {
      // The file's records are checked as they stream in (each problem located in the data file).
      if (!dataFormat(list.file)) c.error('DATA-FILE', `records.${entity}.file must be a .csv, .jsonl, .ndjson or .json file (got ${JSON.stringify(list.file)})`, [...p, 'file']);
      else checkNamedFile(c.dir, list.file, 'data file', (message) => c.error('DATA-FILE', message, [...p, 'file']));
      continue;
    }
    if (!Array.isArray(list)) {
      c.error('SHAPE', `records.${entity} must be a list of records or { file: <data file> }`, p);
      continue;
    }
    const seen = new Map<string, number>();
    list.forEach((rec, i) => {
      if (!isObj(rec)) return c.error('SHAPE', `a ${entity} record must be a mapping of fields`, [...p, i]);
      if (rec.id !== undefined) {
        if (typeof rec.id !== 'string' && typeof rec.id !== 'number') return c.error('SHAPE', 'a record id must be text or a number', [...p, i, 'id']);
        const k = String(rec.id);
        if (seen.has(k)) c.error('DUPLICATE', `${entity} record "${k}" is declared twice (first as item ${seen.get(k)! + 1})`, [...p, i, 'id']);
        else seen.set(k, i);
      }
      if (entityKey(entity) === 'customers') checkPhones(c, rec, [...p, i]);
    });
  }
}

/** Customer phones must be numbers SearchForANI can match. */
function checkPhones(c: Checker, rec: Obj, at: Path): void {
  const phones = rec.phones ?? (rec.phone === undefined ? undefined : [rec.phone]);
  if (phones === undefined) return;
  if (!Array.isArray(phones)) return c.error('SHAPE', 'phones must be a list of numbers (text, or { phone, type })', [...at, 'phones']);
  phones.forEach((ph, j) => {
    const text = isObj(ph) ? ph.phone : ph;
    const where = rec.phones === undefined ? [...at, 'phone'] : [...at, 'phones', j];
    if (typeof text !== 'string' && typeof text !== 'number') return c.error('SHAPE', 'a phone must be text or { phone, type }', where);
    if (!normalizePhone(String(text))) c.warn('PHONE', `"${text}" is not a valid phone number; SearchForANI can only match it digit for digit`, where);
  });
}

function checkMemorialization(c: Checker, value: unknown, at: Path): void {
  if (value === undefined) return;
  if (!Array.isArray(value)) return c.error('SHAPE', 'memorialization must be a list of mappings { name, channel, entity, fields }', at);
  c.unique(value, 'name', 'memorialization mapping', at);
  value.forEach((m, i) => {
    const p = [...at, i];
    if (!isObj(m)) return c.error('SHAPE', 'a memorialization mapping must be a mapping { name, channel, entity, fields }', p);
    if (!isText(m.name)) c.error('REQUIRED', 'a memorialization mapping needs a name (the DataMemorialization scripts use)', [...p, 'name']);
    const channel = c.oneOf(m.channel, CHANNELS, 'channel', [...p, 'channel'], 'CHANNEL') as 'Voice' | 'Digital' | undefined;
    if (!isText(m.entity)) c.error('REQUIRED', 'a memorialization mapping needs the entity (record type) it writes, e.g. Conversation', [...p, 'entity']);
    if (!isObj(m.fields) || Object.keys(m.fields).length === 0)
      return c.error('SHAPE', 'fields must map each CRM field to a CXone data field or "script:<variable>"', [...p, 'fields']);
    for (const [crmField, source] of Object.entries(m.fields)) checkSource(c, source, channel, [...p, 'fields', crmField]);
  });
}

function checkSource(c: Checker, source: unknown, channel: 'Voice' | 'Digital' | undefined, at: Path): void {
  if (!isText(source)) return c.error('SHAPE', 'a mapped field needs a source: a CXone data field or "script:<variable>"', at);
  if (source.toLowerCase().startsWith(SCRIPT_PREFIX)) {
    const name = source.slice(SCRIPT_PREFIX.length).trim();
    if (channel === 'Digital') return c.error('SCRIPT-DIGITAL', 'script variables cannot be mapped for digital interactions (Kustomer supports them for voice only)', at);
    if (!IDENTIFIER.test(name)) return c.error('SCRIPT-VARIABLE', `"${name}" is not a variable name`, at);
    if (name !== name.toLowerCase())
      c.error('SCRIPT-LOWERCASE', `script variables must be named in lowercase in a memorialization mapping: write "script:${name.toLowerCase()}"`, at);
    return;
  }
  if (!channel) return;
  const fields = FIELDS_BY_CHANNEL[channel];
  if (fields.some((f) => f.toLowerCase() === source.toLowerCase())) return;
  const hint = didYouMean(source, fields);
  c.error('FIELD', `"${source}" is not a ${channel} data field${hint ? `; did you mean "${hint}"?` : ''} (use "script:<variable>" for other data)`, at);
}

function checkDynamicData(c: Checker, value: unknown, at: Path): void {
  if (value === undefined) return;
  if (!Array.isArray(value)) return c.error('SHAPE', 'dynamicData must be a list of mappings { name, entity, fields }', at);
  // Limits count per mapping and record type, so one mapping may span several entries.
  const counts = new Map<string, { text: number; other: number }>();
  value.forEach((m, i) => {
    const p = [...at, i];
    if (!isObj(m)) return c.error('SHAPE', 'a dynamic data mapping must be a mapping { name, entity, fields }', p);
    if (!isText(m.name)) c.error('REQUIRED', 'a dynamic data mapping needs a name (the DynamicDataMapping scripts use)', [...p, 'name']);
    if (!isText(m.entity)) return c.error('REQUIRED', 'a dynamic data mapping needs the entity (record type) whose fields it shows', [...p, 'entity']);
    if (!Array.isArray(m.fields) || m.fields.length === 0) return c.error('SHAPE', 'fields must be a list of record fields (text, or { field, type })', [...p, 'fields']);
    const key = `${String(m.name).toLowerCase()}\u0000${entityKey(m.entity)}`;
    const n = counts.get(key) ?? { text: 0, other: 0 };
    counts.set(key, n);
    m.fields.forEach((f, j) => {
      const fp = [...p, 'fields', j];
      let type: string = 'text';
      if (isObj(f)) {
        if (!isText(f.field)) return c.error('REQUIRED', 'a dynamic data field needs a field name', fp);
        if (f.type !== undefined) {
          const t = c.oneOf(f.type, DYNAMIC_FIELD_TYPES, 'field type', [...fp, 'type'], 'FIELD-TYPE');
          if (!t) return;
          type = t;
        }
      } else if (!isText(f)) return c.error('SHAPE', 'a dynamic data field must be a field name or { field, type }', fp);
      if (type === 'text') {
        if (++n.text === MAX_DYNAMIC_TEXT_FIELDS + 1)
          c.error('DYNAMIC-LIMIT', `at most ${MAX_DYNAMIC_TEXT_FIELDS} text fields per record type in a dynamic data mapping (${m.entity})`, fp);
      } else if (++n.other === MAX_DYNAMIC_OTHER_FIELDS + 1)
        c.error('DYNAMIC-LIMIT', `at most ${MAX_DYNAMIC_OTHER_FIELDS} non-text fields per record type in a dynamic data mapping (${m.entity})`, fp);
    });
  });
}
