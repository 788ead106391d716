// Checks a case's expectations against a run result. Each failed expectation
// becomes one Failure with the expected and actual values and, for paths, the
// first place where the run went somewhere else.
import type { Span } from '../contract/diagnostics.js';
import type { RunResult, TraceEvent } from '../runtime/result.js';
import { isHeard } from '../phone/transcript.js';
import { checkDigitalContacts } from './digital-contacts.js';
import { asPattern, show, valueMatches } from './match-value.js';
import type { RunPart } from './test-file.js';

export interface Failure {
  /** The expectation that failed: `status`, `visits`, `variables.created`, … */
  what: string;
  message: string;
  expected?: string;
  actual?: string;
  /** For path expectations: the path taken, and the index in it where the run diverged. */
  path?: string[];
  divergence?: { expectedIndex: number; pathIndex: number };
  /** A step of the path to show the failure around (an action's first visit). */
  focus?: number;
  span?: Span;
}

/** `label` alone means a label of the case's own script. */
export function qualify(name: string, script: string): string {
  return name.includes('.') ? name : `${script}.${name}`;
}

const same = (a: string, b: string): boolean => a.toLowerCase() === b.toLowerCase();

export function checkExpectations(tc: Pick<RunPart, 'script' | 'expect' | 'spans'>, result: RunResult): Failure[] {
  const e = tc.expect;
  const failures: Failure[] = [];
  const span = (key: string): Span | undefined => tc.spans[key];
  if (e.status !== undefined && e.status !== result.status) {
    const why = result.status === 'completed' ? '' : lastReason(result);
    failures.push({
      what: 'status',
      message: `expected the run to end ${e.status}, but it ended ${result.status}${why ? ` (${why})` : ''}`,
      expected: e.status,
      actual: result.status,
      path: result.path,
      ...withSpan(span('status')),
    });
  }
  if (e.visits) failures.push(...checkVisits(e.visits.map((v) => qualify(v, tc.script)), result.path, span('visits')));
  if (e.neverVisits) {
    e.neverVisits.forEach((raw, i) => {
      const name = qualify(raw, tc.script);
      const at = result.path.findIndex((p) => same(p, name));
      if (at >= 0)
        failures.push({
          what: 'neverVisits',
          message: `expected never to visit ${name}, but step ${at + 1} did`,
          path: result.path,
          divergence: { expectedIndex: i, pathIndex: at },
          ...withSpan(span(`neverVisits.${i}`)),
        });
    });
  }
  if (e.branches) {
    const taken = branchesTaken(result.trace ?? []);
    for (const [raw, wanted] of Object.entries(e.branches)) {
      const name = qualify(raw, tc.script);
      const got = taken.get(name.toLowerCase()) ?? [];
      for (const b of wanted) {
        if (got.some((g) => same(g, b))) continue;
        failures.push({
          what: `branches.${name}`,
          message:
            got.length === 0
              ? `expected ${name} to take ${b}, but it never ran`
              : `expected ${name} to take ${b}, but it took ${got.join(', ')}`,
          expected: b,
          actual: got.length === 0 ? '(not visited)' : got.join(', '),
          path: result.path,
          ...(result.path.some((p) => same(p, name)) ? { focus: result.path.findIndex((p) => same(p, name)) } : {}),
          ...withSpan(span(`branches.${raw}`)),
        });
      }
    }
  }
  for (const scope of ['variables', 'globals'] as const) {
    const wanted = e[scope];
    if (!wanted) continue;
    const actual = result[scope];
    for (const [name, value] of Object.entries(wanted)) {
      const key = Object.keys(actual).find((k) => same(k, name));
      const got = key === undefined ? undefined : actual[key];
      if (valueMatches(value, got)) continue;
      failures.push({
        what: `${scope}.${name}`,
        message: `expected ${scope === 'globals' ? 'global ' : ''}${name} = ${show(value)}, but it is ${show(got)}`,
        expected: show(value),
        actual: show(got),
        ...withSpan(span(`${scope}.${name}`) ?? span(scope)),
      });
    }
  }
  if (e.effects) {
    for (const [kind, want] of Object.entries(e.effects)) {
      const list = (result.effects[kind] ?? []) as unknown[];
      if (want.count !== undefined && list.length !== want.count)
        failures.push({
          what: `effects.${kind}`,
          message: `expected ${want.count} ${kind} effect(s), but the run recorded ${list.length}`,
          expected: String(want.count),
          actual: String(list.length),
          ...withSpan(span(`effects.${kind}`) ?? span('effects')),
        });
      for (const item of want.contains ?? []) {
        if (list.some((a) => valueMatches(item, a))) continue;
        failures.push({
          what: `effects.${kind}`,
          message: `expected a ${kind} effect matching ${show(item)}, but none of the ${list.length} recorded matches`,
          expected: show(item),
          actual: show(list),
          ...withSpan(span(`effects.${kind}`) ?? span('effects')),
        });
      }
      if (want.exactly && !valueMatches(want.exactly, list))
        failures.push({
          what: `effects.${kind}`,
          message: `expected exactly these ${kind} effects: ${show(want.exactly)}`,
          expected: show(want.exactly),
          actual: show(list),
          ...withSpan(span(`effects.${kind}`) ?? span('effects')),
        });
    }
  }
  if (e.trace) {
    const lines = (result.trace ?? []).filter((t): t is Extract<TraceEvent, { type: 'trace' }> => t.type === 'trace').map((t) => t.text);
    const miss = missingInOrder(e.trace, lines);
    if (miss)
      failures.push({
        what: 'trace',
        message: `expected a TRACE line ${show(miss.want)}${miss.from > 0 ? ` after line ${miss.from}` : ''}, but the run traced ${
          lines.length === 0 ? 'nothing' : miss.from >= lines.length ? 'nothing more' : show(lines.slice(miss.from))
        }`,
        expected: miss.want,
        actual: lines.join('\n'),
        ...withSpan(span('trace')),
      });
  }
  if (e.heard) {
    const lines = (result.transcript ?? []).filter(isHeard).map((l) => l.text);
    const miss = missingInOrder(e.heard, lines);
    if (miss)
      failures.push({
        what: 'heard',
        message: `expected the caller to hear ${show(miss.want)}${miss.from > 0 ? ` after ${show(lines[miss.from - 1])}` : ''}, but ${
          !result.transcript ? `${result.script} is not a phone script` : lines.length === 0 ? 'nothing played' : miss.from >= lines.length ? 'nothing more played' : `the caller heard ${show(lines.slice(miss.from))}`
        }`,
        expected: miss.want,
        actual: lines.join('\n'),
        ...withSpan(span('heard')),
      });
  }
  if (e.lastError !== undefined) {
    const ok = e.lastError === '' ? result.lastError === '' : textMatches(e.lastError, result.lastError, true);
    if (!ok)
      failures.push({
        what: 'lastError',
        message: e.lastError === '' ? `expected no error, but _err is ${show(result.lastError)}` : `expected _err to contain ${show(e.lastError)}, but it is ${show(result.lastError)}`,
        // Shown quoted, so an expected or actual "no error" is not a blank line.
        expected: show(e.lastError),
        actual: show(result.lastError),
        ...withSpan(span('lastError')),
      });
  }
  for (const want of e.warnings ?? []) {
    if (result.warnings.some((w) => textMatches(want, w, true))) continue;
    failures.push({
      what: 'warnings',
      message: `expected a warning containing ${show(want)}, but the run warned ${result.warnings.length === 0 ? 'nothing' : show(result.warnings)}`,
      expected: want,
      actual: result.warnings.join('\n'),
      ...withSpan(span('warnings')),
    });
  }
  for (const miss of e.digitalContacts ? checkDigitalContacts(e.digitalContacts, result) : []) {
    const { customer, ...rest } = miss;
    failures.push({ what: `digitalContacts.${customer}`, ...rest, ...withSpan(span(`digitalContacts.${customer}`) ?? span('digitalContacts')) });
  }
  return failures;
}

function withSpan(span: Span | undefined): { span?: Span } {
  return span ? { span } : {};
}

/**
 * The first wanted line (text, or a `/pattern/`) not found in order, each
 * after the line the one before matched, with the index the search started
 * at; undefined when every one is found.
 */
function missingInOrder(wants: readonly string[], lines: readonly string[]): { want: string; from: number } | undefined {
  let from = 0;
  for (const want of wants) {
    const at = lines.findIndex((l, i) => i >= from && textMatches(want, l));
    if (at < 0) return { want, from };
    from = at + 1;
  }
  return undefined;
}

function textMatches(want: string, actual: string, substring = false): boolean {
  const re = asPattern(want);
  if (re) return re.test(actual);
  return substring ? actual.includes(want) : actual === want;
}

/** Ordered visits: each expected action must appear after the previous one. */
export function checkVisits(expected: string[], path: string[], span?: Span): Failure[] {
  let at = -1;
  for (let i = 0; i < expected.length; i++) {
    const want = expected[i]!;
    const found = path.findIndex((p, j) => j > at && same(p, want));
    if (found >= 0) {
      at = found;
      continue;
    }
    const anywhere = path.findIndex((p) => same(p, want));
    const after = i > 0 ? ` after ${expected[i - 1]}` : '';
    const message =
      anywhere >= 0
        ? `expected to visit ${want}${after}, but it was visited only before (step ${anywhere + 1})`
        : `expected to visit ${want}${after}, but the run ${at + 1 < path.length ? `went ${path.slice(at + 1, at + 4).join(' → ')}${path.length > at + 4 ? ' …' : ''} instead` : 'ended there'}`;
    return [
      {
        what: 'visits',
        message,
        expected: expected.join(' → '),
        actual: path.join(' → '),
        path,
        divergence: { expectedIndex: i, pathIndex: at + 1 },
        ...withSpan(span),
      },
    ];
  }
  return [];
}

/** `Script.label` (lowercase) -> branches taken, in first-taken order, from `action.exit` events. */
export function branchesTaken(trace: readonly TraceEvent[]): Map<string, string[]> {
  const taken = new Map<string, string[]>();
  for (const ev of trace) {
    if (ev.type !== 'action.exit' || !ev.branch) continue;
    const key = `${ev.script}.${ev.label}`.toLowerCase();
    const list = taken.get(key) ?? [];
    if (!list.includes(ev.branch)) list.push(ev.branch);
    taken.set(key, list);
  }
  return taken;
}

function lastReason(result: RunResult): string {
  const end = [...(result.trace ?? [])].reverse().find((t) => t.type === 'run.end');
  if (end && end.type === 'run.end' && end.reason) return end.reason;
  return result.warnings[result.warnings.length - 1] ?? result.lastError;
}
