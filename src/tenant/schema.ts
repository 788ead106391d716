// The tenant file's JSON Schema, assembled from the sections of sections.ts
// (and published as schemas/tenant.schema.json), and the translation of Ajv's
// errors into located, readable diagnostics.
import type { ErrorObject, ValidateFunction } from 'ajv';
import { createRequire } from 'node:module';
import { didYouMean, diagnostic, type Diagnostic } from '../contract/diagnostics.js';
import { pathText } from './document.js';
import type { DocPath, Locate, TenantSection } from './section.js';
import { TENANT_SECTIONS } from './sections.js';

export const TENANT_SCHEMA_ID = 'https://studio-script.dev/schemas/tenant.schema.json';

export function tenantSchema(sections: readonly TenantSection<any>[] = TENANT_SECTIONS): Record<string, unknown> {
  return {
    $schema: 'http://json-schema.org/draft-07/schema#',
    $id: TENANT_SCHEMA_ID,
    title: 'studio-script tenant file',
    description: 'The emulated CXone business unit: skills, sources, CRM, points of contact, templates, campaigns (docs/tenant.md).',
    type: 'object',
    additionalProperties: false,
    properties: Object.fromEntries(sections.map((s) => [s.key, { ...s.schema, description: (s.schema.description as string) ?? s.description }])),
  };
}

let compiled: { sections: readonly TenantSection<any>[]; validate: ValidateFunction } | undefined;

function validator(sections: readonly TenantSection<any>[]): ValidateFunction {
  if (compiled?.sections !== sections) {
    // Ajv is CommonJS and slow to load; only tenant loading pays for it.
    const Ajv = createRequire(import.meta.url)('ajv') as typeof import('ajv').default;
    const ajv = new Ajv({ allErrors: true, strict: false, verbose: true });
    compiled = { sections, validate: ajv.compile(tenantSchema(sections)) };
  }
  return compiled.validate;
}

/** Schema diagnostics of a parsed document (empty when valid). */
export function validateTenantData(data: unknown, locate: Locate, sections: readonly TenantSection<any>[] = TENANT_SECTIONS): Diagnostic[] {
  if (data === null || typeof data !== 'object' || Array.isArray(data))
    return [diagnostic('E-TENANT-SCHEMA', 'a tenant file is a mapping of sections (businessUnit, timeZone, skills, …)', locate([]))];
  const validate = validator(sections);
  if (validate(data)) return [];
  return translate(validate.errors ?? [], locate);
}

function translate(errors: ErrorObject[], locate: Locate): Diagnostic[] {
  // anyOf reports every alternative's failure; one message about the member is clearer.
  const anyOfPaths = new Set(errors.filter((e) => e.keyword === 'anyOf').map((e) => e.instancePath));
  const out: Diagnostic[] = [];
  const seen = new Set<string>();
  for (const e of errors) {
    if (e.keyword !== 'anyOf' && e.schemaPath.includes('/anyOf/') && underAnyOf(e.instancePath, anyOfPaths)) continue;
    const d = toDiagnostic(e, locate);
    const key = `${d.span.line}:${d.span.col}:${d.message}`;
    if (!seen.has(key)) {
      seen.add(key);
      out.push(d);
    }
  }
  return out;
}

/** True when `path` is a member with alternatives, or inside one. */
function underAnyOf(path: string, anyOfPaths: ReadonlySet<string>): boolean {
  for (let p = path; ; p = p.slice(0, p.lastIndexOf('/'))) {
    if (anyOfPaths.has(p)) return true;
    if (p === '') return false;
  }
}

function toDiagnostic(e: ErrorObject, locate: Locate): Diagnostic {
  const path = parsePointer(e.instancePath);
  const where = pathText(path);
  const got = describe(e.data);
  const schema = (e.parentSchema ?? {}) as Record<string, unknown>;
  const err = (message: string, at: DocPath = path, part: 'value' | 'key' = 'value') => diagnostic('E-TENANT-SCHEMA', message, locate(at, part));
  switch (e.keyword) {
    case 'required':
      return err(`${where} is missing the required member "${(e.params as { missingProperty: string }).missingProperty}"`, path, path.length ? 'key' : 'value');
    case 'additionalProperties': {
      const extra = (e.params as { additionalProperty: string }).additionalProperty;
      const known = Object.keys((schema.properties ?? {}) as object);
      const hint = didYouMean(extra, known);
      const what = path.length === 0 ? 'unknown section' : `unknown member of ${where}:`;
      const list = hint ? ` (did you mean "${hint}"?)` : ` (expected one of: ${known.join(', ')})`;
      return err(`${what} "${extra}"${list}`, [...path, extra], 'key');
    }
    case 'type':
      return err(`${where} must be ${article((e.params as { type: string }).type)}, not ${got}`);
    case 'enum': {
      const allowed = (e.params as { allowedValues: unknown[] }).allowedValues.map(String);
      const hint = typeof e.data === 'string' ? didYouMean(e.data, allowed) : undefined;
      return err(`${where} must be one of ${allowed.join(', ')}, not ${got}${hint ? ` (did you mean "${hint}"?)` : ''}`);
    }
    case 'pattern':
      return err(`${where}: ${(schema['x-message'] as string | undefined) ?? `must match ${(e.params as { pattern: string }).pattern}`} (got ${got})`);
    case 'anyOf':
      return err(`${where} ${(schema['x-message'] as string | undefined) ?? 'does not have an accepted form'}, not ${got}`);
    default:
      return err(`${where} ${e.message ?? 'is invalid'} (got ${got})`);
  }
}

function parsePointer(pointer: string): (string | number)[] {
  if (pointer === '') return [];
  return pointer
    .slice(1)
    .split('/')
    .map((s) => s.replace(/~1/g, '/').replace(/~0/g, '~'))
    .map((s) => (/^\d+$/.test(s) ? Number(s) : s));
}

function article(type: string): string {
  const name = type === 'integer' ? 'whole number' : type === 'object' ? 'mapping' : type === 'array' ? 'list' : type;
  return /^[aeiou]/.test(name) ? `an ${name}` : `a ${name}`;
}

function describe(v: unknown): string {
  if (v === null || v === undefined) return 'nothing';
  if (Array.isArray(v)) return 'a list';
  if (typeof v === 'object') return 'a mapping';
  if (typeof v === 'string') return JSON.stringify(v.length > 40 ? v.slice(0, 40) + '…' : v);
  return `${typeof v === 'number' ? '' : typeof v + ' '}${String(v)}`;
}
