// Sections `businessUnit` (the BU number) and `timeZone` (the BU zone: the
// clock, dates without an offset, DefaultExpirationDate). The loader reads them
// before the store exists; these entries give their schema and rules.
import { diagnostic } from '../../contract/diagnostics.js';
import { defineSection } from '../section.js';
import { resolveZoneName } from '../zones.js';

export const businessUnitSection = defineSection<number>({
  key: 'businessUnit',
  description: 'The business unit number.',
  schema: { type: 'integer', minimum: 1, description: 'The business unit number, e.g. 4600123.' },
});

export const timeZoneSection = defineSection<string>({
  key: 'timeZone',
  description: 'The business unit time zone (IANA or Windows name); default UTC.',
  schema: { type: 'string', minLength: 1, description: 'IANA (America/Denver) or Windows (Mountain Standard Time) zone name.' },
  validate(doc, locate) {
    const zone = doc.data.timeZone;
    if (typeof zone !== 'string' || resolveZoneName(zone)) return [];
    return [
      diagnostic(
        'E-TENANT-ZONE',
        `timeZone "${zone}" is not an IANA zone (America/Denver) or a Windows zone name (Mountain Standard Time)`,
        locate(['timeZone']),
      ),
    ];
  },
});
