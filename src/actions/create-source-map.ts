// CREATESOURCEMAP: gives a lead source its map (prospect field -> source
// field). A map needs ExternalID and at least one destination field; the
// field names are the prospect fields of docs/personal-connection.md.
import { didYouMean } from '../contract/diagnostics.js';
import { isDdo, type DdoObject, type Value } from '../contract/value.js';
import { PROSPECT_FIELDS, canonicalField } from '../tenant/source-map.js';
import type { SourceMapping } from '../contract/tenant-store.js';
import { scalarText } from '../tenant/values.js';
import { defineAction, text, value } from './define.js';

export default defineAction({
  type: 'CREATESOURCEMAP',
  description: 'Sets the source map of SourceName from Mapping, a DDO of prospect field -> source field (Destinations: a list of fields).',
  source: 'Studio help page https://help.nice-incontact.com/Content/studio/actions/createsourcemap/createsourcemap.htm (documented)',
  props: {
    SourceName: text({ required: true, description: 'The lead source (created with CREATESOURCE).' }),
    Mapping: value({ required: true, description: 'DDO (or JSON text) such as {"ExternalID":"Id","Destinations":["Mobile","Home"]}.' }),
  },
  branches: [
    'Default',
    'InvalidSource',
    'InvalidRootNode',
    'InvalidFieldName',
    'MissingRequiredField',
    'ExceededMaxDestinations',
    'NoChangesMade',
    'Error',
  ],
  errorBranch: 'Error',
  studio: { evidence: 'help-page', params: ['SourceName', 'Mapping'], source: 'the property order of the help page' },
  messages: {
    invalidSource: 'CREATESOURCEMAP: source {{source}} does not exist (create it with CREATESOURCE)',
    invalidRoot: 'CREATESOURCEMAP: Mapping must be a DDO of prospect field -> source field, received {{shape}}',
    invalidField: 'CREATESOURCEMAP: {{field}} is not a prospect field{{hint}}',
    invalidValue: 'CREATESOURCEMAP: the source field for {{field}} must be a field name, received {{shape}}',
    missing: 'CREATESOURCEMAP: the map needs {{field}}',
    exceeded: 'CREATESOURCEMAP: {{count}} destination fields mapped; source {{source}} allows {{max}}',
    noChanges: 'CREATESOURCEMAP: source {{source}} already has this map',
  },
  execute(ctx, props) {
    const source = ctx.tenant.source(props.SourceName);
    if (!source) return ctx.error(ctx.message('invalidSource', { source: props.SourceName }), { branch: 'InvalidSource' });
    const root = rootOf(props.Mapping);
    if (!root) return ctx.error(ctx.message('invalidRoot', { shape: shapeOf(props.Mapping) }), { branch: 'InvalidRootNode' });

    const mapping: Record<string, string | string[]> = {};
    for (const [key, v] of Object.entries(root)) {
      const field = canonicalField(key);
      if (!field) {
        const hint = didYouMean(key, PROSPECT_FIELDS);
        return ctx.error(ctx.message('invalidField', { field: key, hint: hint ? ` (did you mean ${hint}?)` : '' }), { branch: 'InvalidFieldName' });
      }
      if (field === 'Destinations') {
        const list = destinationsOf(v);
        if (!list) return ctx.error(ctx.message('invalidValue', { field, shape: shapeOf(v) }), { branch: 'InvalidFieldName' });
        mapping.Destinations = list;
      } else {
        const name = scalarText(v)?.trim();
        if (name === undefined || name === null) return ctx.error(ctx.message('invalidValue', { field, shape: shapeOf(v) }), { branch: 'InvalidFieldName' });
        if (name !== '') mapping[field] = name;
      }
    }
    if (!mapping.ExternalID) return ctx.error(ctx.message('missing', { field: 'ExternalID' }), { branch: 'MissingRequiredField' });
    const destinations = (mapping.Destinations as string[] | undefined) ?? [];
    if (destinations.length === 0)
      return ctx.error(ctx.message('missing', { field: 'at least one destination (phone number) field in Destinations' }), { branch: 'MissingRequiredField' });
    if (destinations.length > source.maxDestinations)
      return ctx.error(ctx.message('exceeded', { count: destinations.length, source: source.name, max: source.maxDestinations }), {
        branch: 'ExceededMaxDestinations',
      });

    const next = mapping as SourceMapping;
    if (source.mapping && sameMapping(source.mapping, next))
      return ctx.error(ctx.message('noChanges', { source: source.name }), { branch: 'NoChangesMade' });
    ctx.tenant.transaction(() => ctx.tenant.putSource({ ...source, mapping: next }));
    ctx.effect('sources', { op: 'CreateSourceMap', sourceName: source.name, mapping: next as unknown as DdoObject });
    return ctx.branch('Default');
  },
});

/** The map object: a DDO, JSON text of one, or a DDO wrapping it under a single member (`{"SourceMap": {…}}`). */
function rootOf(v: Value): DdoObject | null {
  let root: Value = v;
  if (typeof root === 'string') {
    try {
      root = JSON.parse(root) as Value;
    } catch {
      return null;
    }
  }
  if (!isDdo(root)) return null;
  const keys = Object.keys(root);
  if (keys.length === 1 && isDdo(root[keys[0]!]!) && !canonicalField(keys[0]!)) return root[keys[0]!] as DdoObject;
  return keys.length === 0 ? null : root;
}

function destinationsOf(v: Value): string[] | null {
  const items = Array.isArray(v) ? v : typeof v === 'string' ? v.split('|') : null;
  if (!items) return null;
  const out: string[] = [];
  for (const item of items) {
    const t = scalarText(item)?.trim();
    if (t === null || t === undefined) return null;
    if (t !== '' && !out.includes(t)) out.push(t);
  }
  return out;
}

function sameMapping(a: SourceMapping, b: SourceMapping): boolean {
  const keys = new Set([...Object.keys(a), ...Object.keys(b)]);
  for (const k of keys) if (JSON.stringify(a[k]) !== JSON.stringify(b[k])) return false;
  return true;
}

function shapeOf(v: Value | undefined): string {
  if (v === undefined || v === null) return 'nothing';
  if (Array.isArray(v)) return `an array of ${v.length}`;
  if (isDdo(v)) return Object.keys(v).length === 0 ? 'an empty DDO' : 'a DDO';
  return `${typeof v} ${JSON.stringify(v)}`;
}
