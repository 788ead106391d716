// Writes a StudioScript as a Desktop Studio XML export, element for element
// in the layout and order real exports use (docs/import.md): two-space
// indents, `<string />` for an empty parameter, CRLF line ends. The library
// icon is not written (Studio keeps its own).
import { UNSET_DATE } from './defaults.js';
import type { StudioAction, StudioBranch, StudioScript, StudioValue } from './model.js';

const escapeText = (s: string): string => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
const escapeAttr = (s: string): string => escapeText(s).replace(/"/g, '&quot;');

const text = (v: StudioValue | undefined): string | undefined => (v === undefined ? undefined : Array.isArray(v) ? v.join('\r\n') : v);

/** `<name>value</name>`, or `<name />` when empty. */
const element = (name: string, value: string): string => (value === '' ? `<${name} />` : `<${name}>${escapeText(value.replace(/\r?\n/g, '\r\n'))}</${name}>`);

export function writeStudioXml(s: StudioScript): string {
  const f = (name: string): string | undefined => text(s.fields.get(name));
  const out: string[] = ['<?xml version="1.0" encoding="utf-8"?>'];
  const rootAttrs = [
    'xmlns:xsd="http://www.w3.org/2001/XMLSchema"',
    'xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"',
    ...attr('noNamespaceSchemaLocation', f('SchemaLocation')),
    ...attr('BusNo', f('BusNo')),
    ...attr('UserID', f('UserID')),
  ];
  out.push(`<ScriptContainer ${rootAttrs.join(' ')}>`);
  out.push('  <Actions>');
  for (const a of s.actions) out.push(...action(a));
  out.push('  </Actions>');
  const name = f('Name') ?? '';
  const libAttrs = [...attr('LibraryID', f('LibraryID')), ...attr('BusNo', f('BusNo')), ...attr('Name', name), ...attr('Alias', f('Alias') ?? name), ...attr('MediaType', f('MediaType'))];
  out.push(`  <LibraryItem ${libAttrs.join(' ')}>`);
  out.push(`    ${element('ImplPath', f('Path') ?? name)}`);
  out.push(`    ${element('CreateDate', f('CreateDate') ?? UNSET_DATE)}`);
  out.push(`    ${element('ModifyDate', f('ModifyDate') ?? UNSET_DATE)}`);
  if (f('ModifyUserID') !== undefined) out.push(`    ${element('ModifyUserID', f('ModifyUserID')!)}`);
  if (f('URI') !== undefined) out.push(`    ${element('URI', f('URI')!)}`);
  out.push(...stringList('Parameters', asList(s.fields.get('LibraryParameters')), '    '));
  out.push('    <Branches />');
  out.push('  </LibraryItem>');
  out.push(`  ${element('MediaType', f('MediaType') ?? '')}`);
  out.push(`  ${element('ModifyDate', f('ScriptModifyDate') ?? f('ModifyDate') ?? UNSET_DATE)}`);
  out.push('</ScriptContainer>');
  return out.join('\r\n') + '\r\n';
}

const attr = (name: string, value: string | undefined): string[] => (value === undefined ? [] : [`${name}="${escapeAttr(value)}"`]);
const asList = (v: StudioValue | undefined): string[] => (v === undefined ? [] : Array.isArray(v) ? v : [v]);

function stringList(name: string, items: readonly string[], indent: string): string[] {
  if (items.length === 0) return [`${indent}<${name} />`];
  return [`${indent}<${name}>`, ...items.map((i) => `${indent}  ${element('string', i)}`), `${indent}</${name}>`];
}

function action(a: StudioAction): string[] {
  const i = '      ';
  const lines = ['    <ActionStruct>', `${i}${element('ActionID', a.id)}`, `${i}${element('Action', a.type)}`, `${i}${element('Caption', a.caption ?? '')}`];
  lines.push(...stringList('Parameters', a.params.map((p) => text(p.value)!), i));
  const def = a.branches.find((b) => b.kind === 'default');
  if (def) lines.push(...branchStruct('DefaultNextAction', def, i));
  for (const [list, kind] of [
    ['Branches', 'branch'],
    ['Cases', 'case'],
  ] as const) {
    const items = a.branches.filter((b) => b.kind === kind);
    if (items.length === 0) lines.push(`${i}<${list} />`);
    else lines.push(`${i}<${list}>`, ...items.flatMap((b) => branchStruct('BranchStruct', b, `${i}  `)), `${i}</${list}>`);
  }
  for (const [field, el] of [
    ['X', 'X'],
    ['Y', 'Y'],
    ['DependencyOrder', 'DependencyOrder'],
    ['ImplType', 'Impl_Type'],
    ['LibraryID', 'LibraryID'],
    ['XWS', 'xws'],
    ['YWS', 'yws'],
  ] as const) {
    const v = a.fields.get(field);
    if (v !== undefined) lines.push(`${i}${element(el, v)}`);
  }
  lines.push('    </ActionStruct>');
  return lines;
}

function branchStruct(name: string, b: StudioBranch, indent: string): string[] {
  // Cases carry Index 0 in every observed export.
  const index = b.kind === 'case' ? 0 : (b.index ?? 0);
  return [`${indent}<${name}>`, `${indent}  ${element('Text', b.label)}`, `${indent}  ${element('ActionID', b.to)}`, `${indent}  ${element('Index', String(index))}`, `${indent}  <Segments />`, `${indent}</${name}>`];
}
