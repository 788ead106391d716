// Section `sources`: lead sources and their source maps (what CREATESOURCE and
// CREATESOURCEMAP would have created), checked by the same rules as the actions.
import { diagnostic, type Diagnostic } from '../../contract/diagnostics.js';
import { defineSection } from '../section.js';
import { DEFAULT_MAX_DESTINATIONS, MAX_DESTINATIONS_LIMIT, PROSPECT_FIELDS, destinationList } from '../source-map.js';
import type { SourceMapping } from '../../contract/tenant-store.js';
import { setMember } from '../../snippet/json.js';

export interface SourceInput {
  id?: number;
  name: string;
  mapping?: Record<string, string | string[]>;
  maxDestinations?: number;
}

const fieldName = { type: 'string', minLength: 1, maxLength: 255 };
const mappingProperties: Record<string, unknown> = Object.fromEntries(
  PROSPECT_FIELDS.map((f) => [
    f,
    f === 'Destinations'
      ? { anyOf: [fieldName, { type: 'array', items: fieldName, minItems: 1 }], 'x-message': 'must be a field name or a list of field names', description: 'Source fields holding phone numbers, in dialing order.' }
      : fieldName,
  ]),
);

export const sourcesSection = defineSection<SourceInput[]>({
  key: 'sources',
  description: 'Lead sources: name, source map (prospect field -> source field), maxDestinations.',
  schema: {
    type: 'array',
    items: {
      type: 'object',
      required: ['name'],
      additionalProperties: false,
      properties: {
        id: { type: 'integer', minimum: 1 },
        name: { type: 'string', minLength: 1, maxLength: 255 },
        mapping: { type: 'object', additionalProperties: false, properties: mappingProperties },
        maxDestinations: { type: 'integer', minimum: 1, maximum: MAX_DESTINATIONS_LIMIT, default: DEFAULT_MAX_DESTINATIONS },
      },
    },
  },
  validate(doc, locate) {
    const out: Diagnostic[] = [];
    const sources = (doc.data.sources ?? []) as SourceInput[];
    const names = new Map<string, number>();
    sources.forEach((s, i) => {
      const lower = s.name.toLowerCase();
      if (names.has(lower))
        out.push(diagnostic('E-TENANT-DUPLICATE', `source name ${s.name} is already used by sources[${names.get(lower)}]`, locate(['sources', i, 'name'])));
      else names.set(lower, i);
      if (!s.mapping) return;
      const where = locate(['sources', i, 'mapping'], 'key');
      if (!s.mapping.ExternalID)
        out.push(diagnostic('E-TENANT-SOURCE-MAP', `source map of ${s.name} has no ExternalID field: every prospect needs one (records would fail with "Missing External ID")`, where));
      const destinations = destinationList(s.mapping.Destinations);
      if (destinations.length === 0)
        out.push(diagnostic('E-TENANT-SOURCE-MAP', `source map of ${s.name} has no Destinations: map at least one phone number field`, where));
      const max = s.maxDestinations ?? DEFAULT_MAX_DESTINATIONS;
      if (destinations.length > max)
        out.push(
          diagnostic(
            'E-TENANT-SOURCE-MAP',
            `source map of ${s.name} maps ${destinations.length} destinations but maxDestinations is ${max}`,
            locate(['sources', i, 'mapping', 'Destinations']),
          ),
        );
    });
    return out;
  },
  load(store, sources) {
    for (const s of sources) {
      store.putSource({
        id: s.id ?? store.source(s.name)?.id ?? 0,
        name: s.name,
        mapping: s.mapping ? toMapping(s.mapping) : null,
        maxDestinations: s.maxDestinations ?? DEFAULT_MAX_DESTINATIONS,
      });
    }
  },
});

function toMapping(m: Record<string, string | string[]>): SourceMapping {
  const out: SourceMapping = { ExternalID: String(m.ExternalID ?? ''), Destinations: destinationList(m.Destinations) };
  for (const [k, v] of Object.entries(m)) if (k !== 'ExternalID' && k !== 'Destinations' && typeof v === 'string') setMember(out, k, v);
  return out;
}
