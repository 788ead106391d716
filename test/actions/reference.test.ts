// The action reference: docs/actions/ must be what the definitions generate
// (so it is never stale), every action has exactly one family and page, and
// each entry says what the loader and runtime really do.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ACTION_FAMILIES, BUILTIN_ACTIONS } from '../../src/actions/all.js';
import { defineAction, number, oneOf, text, variable } from '../../src/actions/define.js';
import { actionReference, actionReferences, describeSchema, findAction } from '../../src/actions/reference.js';
import { anchorOf, referencePages, REGENERATE } from '../../src/actions/reference-markdown.js';
import { ActionRegistry } from '../../src/actions/registry.js';

const DOCS = join(import.meta.dirname, '../../docs/actions');

describe('docs/actions', () => {
  const pages = referencePages();

  it.each([...pages.keys()])(`%s is what \`${REGENERATE}\` writes`, (name) => {
    let committed = '';
    try {
      committed = readFileSync(join(DOCS, name), 'utf8');
    } catch {
      expect.fail(`docs/actions/${name} is missing: run \`${REGENERATE}\` and commit docs/actions/`);
    }
    // One assertion per page, with the fix in its message (the diff follows it).
    expect(committed, `docs/actions/${name} is stale: run \`${REGENERATE}\` and commit docs/actions/`).toBe(pages.get(name));
  });

  it('has no page that no family writes', () => {
    const extra = readdirSync(DOCS).filter((f) => f.endsWith('.md') && !pages.has(f));
    expect(extra, `run \`${REGENERATE}\`: it removes pages of families that no longer exist`).toEqual([]);
  });

  it('puts every built-in action on exactly one page, with a heading the index links to', () => {
    const names = ACTION_FAMILIES.flatMap((f) => f.actions);
    expect(new Set(names).size).toBe(names.length);
    expect(names).toEqual(BUILTIN_ACTIONS);
    const index = pages.get('README.md')!;
    for (const ref of actionReferences()) {
      expect(pages.get(`${ref.family.id}.md`)).toContain(`\n## ${ref.name}\n`);
      expect(index).toContain(`](${ref.family.id}.md#${anchorOf(ref.name)})`);
    }
  });
});

describe('every built-in action', () => {
  it('describes each of its properties', () => {
    const missing = actionReferences()
      .flatMap((r) => r.props.filter((p) => !p.description).map((p) => `${r.name}.${p.name}`));
    expect(missing, "give each property a one-line description: text({ description: '…' })").toEqual([]);
  });

  it('names where its behaviour comes from', () => {
    const missing = actionReferences().filter((r) => !r.source).map((r) => r.name);
    expect(missing, "add `source: 'Studio help page <url> (documented; …)'` to the definition").toEqual([]);
  });
});

describe('an entry', () => {
  const ref = (name: string) => {
    const def = findAction(name)!;
    return actionReference(def, ACTION_FAMILIES.find((f) => f.actions.includes(def))!);
  };

  it('lists properties with kinds, defaults and whether they are required', () => {
    const assign = ref('ASSIGN');
    expect(assign.props.map((p) => [p.name, p.kind, p.default ?? null, p.required])).toEqual([
      ['Variable', 'variable name', null, true],
      ['Value', 'text', '""', false],
      ['Type', 'one of String, Numeric, Datetime', 'String', false],
      ['ScreenPop', 'true or false', 'false', false],
      ['SaveToDB', 'true or false', 'false', false],
      ['MaxStringSize', 'one of 2K, 4K, 8K, 16K, 32K', '2K', false],
    ]);
    expect(assign.branches).toEqual(['Default', 'Overflow']);
    expect(assign.messages.map((m) => m.id)).toEqual(['numeric', 'badDate', 'overflow']);
    expect(assign.studio).toMatchObject({ evidence: 'observed', params: ['Variable', 'Value', 'Type', 'Publish (kept, not interpreted)', 'ScreenPop', 'SaveToDB', 'MaxStringSize'] });
  });

  it('keeps outputs apart from properties, with their default variable and value', () => {
    const cp = ref('createprospect2');
    expect(cp.name).toBe('CREATEPROSPECTS v2');
    expect(cp.aliases).toEqual(['CREATEPROSPECT2', 'CREATEPROSPECTS2']);
    expect(cp.props.map((p) => p.name)).not.toContain('Results');
    expect(cp.outputs).toEqual([{ name: 'Results', variable: 'results', value: 'object with SuccessfulRecords (list), FailedRecords (list)' }]);
    expect(cp.props.find((p) => p.name === 'SkillNo')).toMatchObject({ kind: 'number (whole, at least 1)', required: true, description: 'An active outbound Personal Connection skill.' });
    expect(cp.errorBranch).toBe('OnError');
  });

  it('finds an action by any spelling a script accepts', () => {
    expect(findAction('CREATEPROSPECTS v2')?.type).toBe('CREATEPROSPECTS');
    expect(findAction('createprospects')?.version).toBe(2);
    expect(findAction('rest api')?.type).toBe('REST API');
    expect(findAction('  workflow   execute ')?.type).toBe('WORKFLOW EXECUTE');
    expect(findAction('ASIGN')).toBeUndefined();
  });

  it('says which branches are values and which is the error branch', () => {
    expect(ref('CASE')).toMatchObject({ branches: ['Default'], valueBranches: true });
    const md = referencePages().get('flow.md')!;
    expect(md).toContain('**Branches:** `Default`, and any other branch name is a value to match.');
    expect(md).toContain('**Branches:** `Default`, `OnError` (on error).');
    expect(md).toContain('## END\n\nEnds the run; inside a subscript it ends the whole run. On a live call it releases the call first (ONRELEASE runs).\n\nNo properties.\n\n**Branches:** none (the run or subscript ends here).');
    expect(md).toContain('**Starts a script:** `ScriptName` names it (in quotes: a bare word is a variable holding the name); it runs as a subscript');
    expect(ref('RUNSUB').callsScript).toEqual({ prop: 'ScriptName', mode: 'call' });
    expect(ref('IF').source).toBe('Studio help page https://help.nicecxone.com/Content/studio/actionscx/if/if.htm (documented)');
  });

  it('describes any definition, including users\' own actions', () => {
    const custom = defineAction({
      type: 'LOOKUP',
      description: 'Looks a | customer up.',
      props: { Id: text({ required: true, maxLength: 20, description: 'The customer id.' }), Tries: number({ default: 3, min: 1, max: 5 }), Mode: oneOf(['fast', 'full']), Into: variable() },
      outputs: { Found: 'found' },
      outputSchemas: { Found: { type: 'array', items: { type: 'object' } } },
      branches: ['Default', 'Failed'],
      errorBranch: 'Failed',
      secretProps: ['Id'],
      execute: (ctx) => ctx.branch('Default'),
    });
    const family = { id: 'mine', title: 'My actions', actions: [custom] };
    const registry = new ActionRegistry([custom]);
    const r = actionReference(custom, family, registry);
    expect(r.props.map((p) => p.kind)).toEqual(['text (at most 20 characters)', 'number (at least 1, at most 5)', 'one of fast, full', 'variable name']);
    expect(r.outputs[0]!.value).toBe('list of objects');
    const page = referencePages([family], registry).get('mine.md')!;
    expect(page).toContain('Looks a | customer up.');
    expect(page).toContain('| `Id` | text (at most 20 characters), **required** |  | The customer id. |');
    expect(page).toContain('**Never traced:** `Id`');
    expect(referencePages([family], registry).get('README.md')).toContain('| [LOOKUP](mine.md#lookup) | Looks a \\| customer up. |');
  });

  it('words output schemas', () => {
    expect(describeSchema({ type: 'integer', minimum: 0 })).toBe('whole number ≥ 0');
    expect(describeSchema({ type: ['integer', 'string'] })).toBe('whole number or text');
    expect(describeSchema({})).toBe('any value');
  });
});
