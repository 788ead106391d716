// What a SNIPPET's code declares and assigns, read from its syntax tree
// without running it: the names declared DYNAMIC and every variable it
// assigns (lowercase, `global:` dropped). Script checks use them to tell a
// dynamic object from plain text and a variable a script sets from one it
// never does. Code that does not parse gives no facts.
import type { LValue, Stmt } from './ast.js';
import { parseProgram } from './parse.js';

export interface SnippetFacts {
  /** Names declared with `DYNAMIC`, lowercase. */
  dynamics: Set<string>;
  /** Variables assigned (plain assignments, DYNAMIC, FOR/FOREACH variables), lowercase. */
  assigned: Set<string>;
}

export function snippetFacts(code: string): SnippetFacts {
  const facts: SnippetFacts = { dynamics: new Set(), assigned: new Set() };
  const parsed = parseProgram(code);
  if (parsed.ok) walk(parsed.value.body, facts);
  return facts;
}

function rootName(target: LValue): string {
  let t: LValue = target;
  while (t.kind !== 'var') t = t.object as LValue;
  return t.name.toLowerCase();
}

function walk(stmts: readonly Stmt[], facts: SnippetFacts): void {
  for (const s of stmts) {
    switch (s.kind) {
      case 'assign':
        facts.assigned.add(rootName(s.target));
        break;
      case 'dynamic':
        facts.dynamics.add(s.name.toLowerCase());
        facts.assigned.add(s.name.toLowerCase());
        break;
      case 'for':
      case 'foreach':
        facts.assigned.add(s.variable.toLowerCase());
        walk(s.body, facts);
        break;
      case 'if':
        walk(s.then, facts);
        if (s.else) walk(s.else, facts);
        break;
      case 'switch':
      case 'select':
        for (const c of s.cases) walk(c.body, facts);
        if (s.default) walk(s.default, facts);
        break;
      case 'repeat':
      case 'while':
      case 'function':
        walk(s.body, facts);
        break;
      default:
        break;
    }
  }
}
