// `studio-script actions [NAME] [--json]`: the action reference in the
// terminal, the same as docs/actions/ (both are read off the definitions).
// Without a name, every action family by family; with one, its properties,
// outputs, branches, messages and Studio parameter order.
import type { Command } from 'commander';
import { studioOrderText, type ActionReference } from '../actions/reference.js';
import { shown, UsageError } from './io.js';
import { colorsFor, printJson, type Colors } from './output.js';

interface ActionsOptions {
  json?: boolean;
}

export function register(program: Command): void {
  program
    .command('actions')
    .description('list the actions scripts can use, or show one: properties, outputs, branches, messages')
    .argument('[name]', 'an action, in any spelling a script accepts (ASSIGN, "CREATEPROSPECTS v2", createprospect2)')
    .option('--json', 'print the reference as JSON')
    .action(async (name: string | undefined, opts: ActionsOptions) => {
      const [{ actionReference, actionReferences, findAction }, { ACTION_FAMILIES }, { builtinRegistry }] = await Promise.all([
        import('../actions/reference.js'),
        import('../actions/all.js'),
        import('../actions/registry.js'),
      ]);
      if (name === undefined) {
        const refs = actionReferences();
        if (opts.json) printJson({ actions: refs });
        else process.stdout.write(listText(refs, colorsFor('stdout')));
        return;
      }
      const registry = builtinRegistry();
      const def = findAction(name, registry);
      const family = def && ACTION_FAMILIES.find((f) => f.actions.includes(def));
      if (!def || !family) {
        const hint = registry.suggestType(name);
        throw new UsageError(`no action named "${shown(name)}"${hint ? `; did you mean ${hint}?` : ''} (\`studio-script actions\` lists them all)`);
      }
      const ref = actionReference(def, family, registry);
      if (opts.json) printJson(ref);
      else process.stdout.write(await actionText(ref, colorsFor('stdout')));
    });
}

function listText(refs: readonly ActionReference[], c: Colors): string {
  const width = Math.max(...refs.map((r) => r.name.length));
  const out: string[] = [];
  let family = '';
  for (const r of refs) {
    if (r.family.id !== family) {
      family = r.family.id;
      out.push(`${out.length ? '\n' : ''}${c.bold(r.family.title)}`);
    }
    out.push(`  ${c.cyan(r.name.padEnd(width))}  ${r.description}`);
  }
  out.push('', c.dim('studio-script actions NAME shows one action; docs/actions/ has the same reference.'));
  return out.join('\n') + '\n';
}

async function actionText(r: ActionReference, c: Colors): Promise<string> {
  const { branchesText, scriptCallText } = await import('../actions/reference-markdown.js');
  const out = [`${c.bold(r.name)}  ${c.dim(`(${r.family.title})`)}`, r.description];
  if (r.aliases.length) out.push(`Also written ${r.aliases.join(', ')}.`);
  const section = (title: string, lines: string[]): void => {
    out.push('', c.bold(title), ...lines);
  };
  const width = Math.max(0, ...r.props.map((p) => p.name.length), ...r.outputs.map((o) => o.name.length));
  const pad = ' '.repeat(width + 4);
  if (r.props.length)
    section(
      'Properties',
      r.props.flatMap((p) => {
        const head = `  ${c.cyan(p.name.padEnd(width))}  ${p.kind}${p.required ? `, ${c.yellow('required')}` : ''}${p.default === undefined ? '' : `, default ${p.default}`}`;
        return p.description ? [head, `${pad}${c.dim(p.description)}`] : [head];
      }),
    );
  else section('Properties', ['  none']);
  if (r.outputs.length)
    section(
      'Outputs',
      r.outputs.map((o) => `  ${c.cyan(o.name.padEnd(width))}  to variable ${o.variable}${o.value ? c.dim(` (${o.value})`) : ''}`),
    );
  section('Branches', [`  ${branchesText(r)}`]);
  if (r.callsScript) section('Starts a script', [`  ${scriptCallText(r)}`]);
  if (r.messages.length) {
    const w = Math.max(...r.messages.map((m) => m.id.length));
    section('Messages', r.messages.map((m) => `  ${c.cyan(m.id.padEnd(w))}  ${m.text}`));
  }
  if (r.secret.length) section('Never traced', [`  ${r.secret.join(', ')}`]);
  if (r.studio) section('Studio parameter order', [`  ${studioOrderText(r.studio)}`]);
  if (r.source) section('Source', [`  ${r.source}`]);
  return out.join('\n') + '\n';
}
