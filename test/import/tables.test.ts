// The per-action Studio tables: every built-in action declares one (with its
// evidence) naming real properties; the table view import and export share.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { studioSpecOf } from '../../src/actions/studio-spec.js';
import { builtinRegistry } from '../../src/actions/registry.js';
import { exportStudio } from '../../src/import/export.js';
import { branchIndex, positionOf, studioTable } from '../../src/import/tables.js';

const registry = builtinRegistry();

describe('Studio tables', () => {
  it('every built-in action has one, naming its own properties', () => {
    for (const d of registry.definitions) {
      const studio = studioSpecOf(d);
      expect(studio, `${d.type}: declare \`studio\` in its defineAction (docs/import.md, "Studio parameter orders")`).toBeDefined();
      for (const p of studio!.params) {
        const prop = typeof p === 'string' ? p : 'prop' in p ? p.prop : undefined;
        if (prop && !(d.type === 'SNIPPET' && prop === 'Data')) expect(registry.prop(d, prop), `${d.type} ${prop}`).toBeDefined();
      }
      for (const b of studio!.branches ?? []) expect(d.branches, `${d.type} ${b}`).toContain(b);
      if (studio!.rest) expect(registry.prop(d, studio!.rest)?.spec.kind, `${d.type} rest`).toBe('list');
    }
  });

  it('falls back to the catalog for Studio actions without a definition', () => {
    expect(studioTable(undefined, 'LOCATE')!.params.map((p) => p.studio)).toEqual(['String', 'StringToFind', 'Variable', 'CaseSensitive']);
    expect(studioTable(undefined, 'NOSUCH')).toBeUndefined();
    expect(studioTable(registry.lookup('WORKFLOW EXECUTE'), 'WORKFLOW EXECUTE')).toBeUndefined();
  });

  it('gives branch indexes from the table, the definition, or the order written', () => {
    const loop = registry.lookup('LOOP')!;
    expect(branchIndex('Repeat', loop, studioTable(loop, 'LOOP'), 0)).toBe(1);
    const snippet = registry.lookup('SNIPPET')!;
    expect(branchIndex('Error', snippet, studioTable(snippet, 'SNIPPET'), 5)).toBe(0);
    expect(branchIndex('Timeout', undefined, undefined, 3)).toBe(3);
    expect([positionOf('P1'), positionOf('p12'), positionOf('P0'), positionOf('Px')]).toEqual([0, 11, undefined, undefined]);
  });
});

describe('actions whose Studio order is not known', () => {
  it('are the ones docs/import.md lists with what was searched, and their XML export still warns', () => {
    const doc = readFileSync(join(import.meta.dirname, '..', '..', 'docs', 'import.md'), 'utf8');
    const start = doc.indexOf('### Actions whose order is not known');
    expect(start, 'docs/import.md: the section on actions whose order is not known').toBeGreaterThan(0);
    const section = doc.slice(start, doc.indexOf('\n## ', start));
    const unknown = registry.definitions.filter((d) => studioSpecOf(d)?.evidence === 'unknown').map((d) => d.type);
    expect(unknown).toContain('REST API');
    for (const type of unknown) expect(section, `${type} is not listed`).toContain(type);
    const script = 'script Call\nstart: BEGIN -> call\ncall: REST API { Verb = "GET"  Url = "https://api.example.com/x" } -> done\n  OnError -> done\ndone: END\n';
    const xml = exportStudio(script, 'Call.script', { format: 'xml' });
    expect(xml.diagnostics.map((d) => d.code)).toContain('W-EXPORT-PARAM-ORDER');
  });
});

describe('the studioParams shorthand', () => {
  it('reads as a help-page table; a name that is no property is a kept position', () => {
    const spec = studioSpecOf({ studioParams: ['Skill', 'reserved1', 'Result'], props: { skill: {} }, outputs: { Result: 'r' } });
    expect(spec).toEqual({ evidence: 'help-page', params: ['Skill', { studio: 'reserved1' }, 'Result'], source: 'the property order of the help page' });
    expect(studioSpecOf({ studio: { evidence: 'observed', params: [] }, studioParams: ['X'] })!.evidence).toBe('observed');
    expect(studioSpecOf({})).toBeUndefined();
  });
});
