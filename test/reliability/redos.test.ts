// Every regular expression in the project's source, checked for
// super-linear backtracking (ReDoS) with scslre: a pattern that can take
// polynomial or exponential time on some input is rewritten, or listed in
// REVIEWED with the reason it only ever sees short or trusted text.
// Patterns built at run time (new RegExp(variable)) are listed too, so each
// one was looked at.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { analyse } from 'scslre';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';

const ROOT = join(import.meta.dirname, '../..');

interface Pattern {
  where: string;
  source: string;
  flags: string;
}

function files(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return files(path);
    return /\.ts$/.test(name) && !/\.d\.ts$/.test(name) && !/\.generated\.ts$/.test(name) ? [path] : [];
  });
}

/** Regular expression literals, and `new RegExp(…)` with a constant or computed pattern, in one file. */
function patternsOf(file: string): { literal: Pattern[]; computed: string[] } {
  const text = readFileSync(file, 'utf8');
  const sf = ts.createSourceFile(file, text, ts.ScriptTarget.Latest, true);
  const literal: Pattern[] = [];
  const computed: string[] = [];
  const where = (node: ts.Node): string => {
    const { line } = sf.getLineAndCharacterOfPosition(node.getStart());
    return `${relative(ROOT, file)}:${line + 1}`;
  };
  const visit = (node: ts.Node): void => {
    if (ts.isRegularExpressionLiteral(node)) {
      const m = /^\/(.*)\/([a-z]*)$/s.exec(node.text)!;
      literal.push({ where: where(node), source: m[1]!, flags: m[2]! });
    } else if (ts.isNewExpression(node) && ts.isIdentifier(node.expression) && node.expression.text === 'RegExp') {
      const [first, second] = node.arguments ?? [];
      if (first && (ts.isStringLiteral(first) || ts.isNoSubstitutionTemplateLiteral(first)))
        literal.push({ where: where(node), source: first.text, flags: second && ts.isStringLiteral(second) ? second.text : '' });
      else computed.push(`${where(node)} ${first?.getText(sf) ?? ''}`);
    }
    ts.forEachChild(node, visit);
  };
  visit(sf);
  return { literal, computed };
}

const all = [...files(join(ROOT, 'src')), ...files(join(ROOT, 'grammar'))].map(patternsOf);
const literals = all.flatMap((p) => p.literal);
const computed = all.flatMap((p) => p.computed);

/**
 * Patterns scslre reports that were reviewed: file and source, with why the
 * input they see cannot make them slow. Keep this list short.
 */
const REVIEWED: Record<string, string> = {
  'src/contract/json-offset.ts /,? ?(in JSON )?at position \\d+.*$/': "runs on JSON.parse's own message, which quotes at most a short excerpt of the input",
  'src/snippet/convert.ts /0+$/': 'runs on the mantissa of toExponential(14): at most 16 characters',
  'src/snippet/format.ts /\\B(?=(\\d{3})+(?!\\d))/': "runs on a formatted number's digits: at most about 330 characters",
  'grammar/script-lexer.ts /-?[0-9]+(?:\\.[0-9]+)?[A-Za-z_][A-Za-z0-9_$]*/': 'a moo rule: moo matches sticky, at one position, so no scan restarts from later positions',
};

/** Patterns built at run time, by file and expression: why each is safe. */
const COMPUTED_REVIEWED: Record<string, string> = {
  'src/testing/match-value.ts m[1]!': "a test file's own /pattern/ expectation: the user's regular expression, matched against run results",
  'grammar/script-lexer.ts `(?:[gG][lL][oO][bB][aA][lL]:${IDENT}|${IDENT}(?:\\\\.${IDENT}|\\\\[[0-9]+\\\\])+)(?:\\\\.${IDENT}|\\\\[[0-9]+\\\\])*`':
    'built from constants, a moo rule (sticky, one position): identifiers and paths',
  'grammar/script-lexer.ts IDENT': 'a constant identifier pattern, a moo rule (sticky, one position)',
  'src/phone/caller-script.ts re[1]!': "a caller script's own `hear /pattern/`: the user's regular expression, compiled once to check it",
  'src/phone/caller.ts step.pattern.source': "a caller script's own `hear /pattern/`: the user's regular expression, matched against the prompts played",
  'src/runtime/snapshot-call-check.ts source': "a caller script's own `hear /pattern/` kept in a snapshot: compiled once to check it, never matched",
  "src/tenant/phones.ts '^(?:' + pattern + ')$'":
    "libphonenumber's own metadata patterns, the ones the library itself matches, compiled once per numbering plan; the input is a parsed national number (at most 17 digits)",
  "src/tenant/phones.ts '^(?:' + prefix + ')'":
    "libphonenumber's own national-prefix pattern of a country, the one the library itself matches at the same place, compiled once per calling code; the input is a national number of at most 17 digits",
};

describe('regular expressions of the project', () => {
  it('finds the patterns (the walk itself works)', () => {
    expect(literals.length).toBeGreaterThan(100);
  });

  it('none backtracks super-linearly, unless reviewed', () => {
    const slow: string[] = [];
    for (const p of literals) {
      let reports;
      try {
        reports = analyse({ source: p.source, flags: p.flags }).reports;
      } catch {
        continue; // a pattern scslre cannot parse (a newer syntax) is left to review by hand
      }
      if (reports.length === 0) continue;
      const key = `${p.where.replace(/:\d+$/, '')} /${p.source}/`;
      if (REVIEWED[key] === undefined) slow.push(`${p.where} /${p.source}/${p.flags}: ${reports.map((r) => (r.exponential ? 'exponential' : 'polynomial') + ' ' + r.type).join(', ')}`);
    }
    expect(slow).toEqual([]);
  });

  it('every pattern built at run time was reviewed', () => {
    const unreviewed = computed.filter((c) => COMPUTED_REVIEWED[c.replace(/:\d+ /, ' ')] === undefined);
    expect(unreviewed).toEqual([]);
  });
});
