// The scripted caller's language: what a simulated caller does during a phone
// run, written once for `run --caller "…"` and for test files' `caller:` steps.
// Steps run in order on the virtual clock; a caller with no steps left stays on
// the line in silence. Parsing is separate from running (caller.ts) so the CLI
// and the test loader report mistakes, located, before anything runs.
import { didYouMean } from '../contract/diagnostics.js';
import { parseDuration } from '../contract/duration.js';

export type CallerStep =
  /** Presses keys: all at once, or `gapMs` apart. */
  | { kind: 'press'; digits: string; gapMs: number; at: StepSpan }
  /** Lets time pass in silence. */
  | { kind: 'wait'; ms: number; at: StepSpan }
  /** Waits until the script starts (`at`) or completes (`after`) the action with this label (`Script.label` or `label`). */
  | { kind: 'at' | 'after'; label: string; at: StepSpan }
  /** Waits until a prompt containing this text (or matching this pattern) has finished playing. */
  | { kind: 'hear'; text: string; pattern?: { source: string; flags: string }; at: StepSpan }
  /** Speaks (heard only by a recording): text at 150 words a minute, or a length of unspecified speech. */
  | { kind: 'say'; text: string; ms: number; at: StepSpan }
  | { kind: 'hangup'; at: StepSpan }
  /** Stays on the line and presses nothing, to the end of the call (the same as running out of steps). */
  | { kind: 'silent'; at: StepSpan };

/** Where a step was written: the item of a list (0 for a single text) and the offset in that text. */
export interface StepSpan {
  item: number;
  offset: number;
  length: number;
}

export interface CallerScript {
  steps: CallerStep[];
  /** `hangup at 45s`: the caller hangs up this long after the call starts, whatever else happens. */
  hangUpAfterMs?: number;
}

export interface CallerProblem {
  message: string;
  at: StepSpan;
}

export type CallerParse = { ok: true; script: CallerScript } | { ok: false; problems: CallerProblem[] };

const KEYWORDS = ['press', 'wait', 'at', 'after', 'hear', 'say', 'hangup', 'silent'] as const;
/** Caller speech is timed like TTS: 150 words a minute. */
const MS_PER_WORD = 400;
const DIGITS = /^[0-9*#]+$/;
const LABEL = /^[A-Za-z_0-9][A-Za-z0-9_$]*(\.[A-Za-z_0-9][A-Za-z0-9_$]*)?$/;

/** Milliseconds for `2s`, `1.5s`, `500ms`, `1m30s` or plain seconds (`3`); undefined otherwise. */
export function parseCallerDuration(text: string): number | undefined {
  const seconds = parseDuration(text.toLowerCase());
  return seconds === undefined ? undefined : Math.round(seconds * 1000);
}

/**
 * Parses a caller script: one text whose steps are separated by `;` or new
 * lines (the CLI form), or a list of texts, one or more steps each (the test
 * file form). Every problem is reported, each located in its text.
 */
export function parseCallerScript(input: string | readonly string[]): CallerParse {
  const items = typeof input === 'string' ? [input] : input;
  const steps: CallerStep[] = [];
  const problems: CallerProblem[] = [];
  let hangUpAfterMs: number | undefined;
  items.forEach((text, item) => {
    for (const piece of splitSteps(text)) {
      const at: StepSpan = { item, offset: piece.offset, length: piece.text.length };
      const parsed = parseStep(piece.text, at);
      if ('message' in parsed) problems.push(parsed);
      else if (parsed.kind === 'hangupAt') {
        if (hangUpAfterMs !== undefined) problems.push({ message: 'only one "hangup at" is allowed: the caller hangs up once', at });
        hangUpAfterMs = parsed.ms;
      } else steps.push(parsed);
    }
  });
  if (problems.length > 0) return { ok: false, problems };
  return { ok: true, script: hangUpAfterMs === undefined ? { steps } : { steps, hangUpAfterMs } };
}

/** Splits at `;` and new lines outside double quotes and `/…/` patterns; trims each step. */
function splitSteps(text: string): { text: string; offset: number }[] {
  const out: { text: string; offset: number }[] = [];
  let start = 0;
  let quote: string | null = null;
  const push = (end: number): void => {
    const raw = text.slice(start, end);
    const lead = raw.length - raw.trimStart().length;
    const trimmed = raw.trim();
    if (trimmed !== '') out.push({ text: trimmed, offset: start + lead });
  };
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    if (quote) {
      if (c === quote) quote = null;
    } else if (c === '"') quote = '"';
    else if (c === '/' && /\bhear\s*$/i.test(text.slice(start, i))) quote = '/';
    else if (c === ';' || c === '\n' || c === '\r') {
      push(i);
      start = i + 1;
    }
  }
  push(text.length);
  return out;
}

type Parsed = CallerStep | { kind: 'hangupAt'; ms: number } | CallerProblem;

function parseStep(text: string, at: StepSpan): Parsed {
  const space = text.search(/\s/);
  const first = space < 0 ? text : text.slice(0, space);
  const word = first.toLowerCase();
  const rest = space < 0 ? '' : text.slice(space).trim();
  const restAt = (): StepSpan => ({ item: at.item, offset: at.offset + text.length - rest.length, length: Math.max(1, rest.length) });
  const problem = (message: string, where: StepSpan = at): CallerProblem => ({ message, at: where });
  switch (word) {
    case 'press': {
      const pm = /^(\S+)(?:\s+gap\s+(\S+))?$/i.exec(rest);
      if (!pm) return problem(rest === '' ? '"press" needs the keys to press, e.g. "press 2" or "press 1234#"' : `"press ${rest}": expected keys, optionally followed by "gap 1s"`, rest === '' ? at : restAt());
      if (!DIGITS.test(pm[1]!)) return problem(`"${pm[1]}" is not a key sequence: keys are 0-9, * and #`, restAt());
      let gapMs = 0;
      if (pm[2] !== undefined) {
        const g = parseCallerDuration(pm[2]);
        if (g === undefined) return problem(`"${pm[2]}" is not a duration (2s, 1.5s, 500ms)`, restAt());
        gapMs = g;
      }
      return { kind: 'press', digits: pm[1]!, gapMs, at };
    }
    case 'wait': {
      const ms = parseCallerDuration(rest);
      if (ms === undefined) return problem(rest === '' ? '"wait" needs a duration, e.g. "wait 5s"' : `"${rest}" is not a duration (5s, 1.5s, 500ms, 1m30s)`, rest === '' ? at : restAt());
      return { kind: 'wait', ms, at };
    }
    case 'at':
    case 'after':
      if (!LABEL.test(rest)) return problem(rest === '' ? `"${word}" needs an action label, e.g. "${word} mainMenu"` : `"${rest}" is not an action label (label or Script.label)`, rest === '' ? at : restAt());
      return { kind: word, label: rest, at };
    case 'hear':
      return parseHear(rest, at, restAt, problem);
    case 'say': {
      const ms = parseCallerDuration(rest);
      if (ms !== undefined) return { kind: 'say', text: '', ms, at };
      const q = /^"([^"]*)"$/.exec(rest);
      const said = q ? q[1]! : rest;
      if (said.trim() === '') return problem('"say" needs what the caller says, e.g. say "I need help with my bill", or a length: say 10s', rest === '' ? at : restAt());
      if (rest.startsWith('"') && !q) return problem('the quoted text is not closed: write say "text"', restAt());
      const words = said.split(/\s+/).filter((w) => w !== '').length;
      return { kind: 'say', text: said, ms: words * MS_PER_WORD, at };
    }
    case 'hangup':
    case 'hang': {
      let tail = rest;
      if (word === 'hang') {
        if (!/^up\b/i.test(rest)) return problem(`unknown step "${text}"; did you mean "hangup"?`);
        tail = rest.slice(2).trim();
      }
      if (tail === '') return { kind: 'hangup', at };
      const hm = /^at\s+(\S+)$/i.exec(tail);
      const ms = hm ? parseCallerDuration(hm[1]!) : undefined;
      if (ms === undefined) return problem(`"hangup ${tail}": expected "hangup" alone, or "hangup at 45s" (a time after the call starts)`, restAt());
      return { kind: 'hangupAt', ms };
    }
    case 'silent':
    case 'silence':
      if (rest !== '') return problem(`"${word}" takes nothing after it (to stay silent for a while, write "wait ${rest}")`, restAt());
      return { kind: 'silent', at };
    default: {
      const hint = didYouMean(word, KEYWORDS);
      return problem(`unknown step "${first}"${hint ? `; did you mean "${hint}"?` : ''} (steps: press, wait, at, after, hear, say, hangup, silent)`, {
        item: at.item,
        offset: at.offset,
        length: first.length,
      });
    }
  }
}

function parseHear(rest: string, at: StepSpan, restAt: () => StepSpan, problem: (m: string, w?: StepSpan) => CallerProblem): Parsed {
  if (rest === '') return problem('"hear" needs the text of a prompt, e.g. hear "account number" or hear /press \\d/');
  const re = /^\/(.+)\/([imsu]*)$/s.exec(rest);
  if (re) {
    try {
      new RegExp(re[1]!, re[2]!);
    } catch (err) {
      return problem(`invalid pattern ${rest}: ${err instanceof Error ? err.message : String(err)}`, restAt());
    }
    return { kind: 'hear', text: rest, pattern: { source: re[1]!, flags: re[2]! }, at };
  }
  if (rest.startsWith('"')) {
    if (rest.length < 2 || !rest.endsWith('"')) return problem('the quoted text is not closed: write hear "text"', restAt());
    const inner = rest.slice(1, -1);
    if (inner.trim() === '') return problem('"hear" needs some text between the quotes', restAt());
    return { kind: 'hear', text: inner, at };
  }
  return { kind: 'hear', text: rest, at };
}

/** The scripts a caller's `at`/`after` steps may name, and their action labels. */
export interface ScriptLabels {
  /** Names of the scripts (as written in their headers). */
  scripts(): readonly string[];
  /** The actions of a script found by name (case-insensitive), undefined when there is none. */
  actions(script: string): readonly { readonly label: string; readonly type: string }[] | undefined;
}

/**
 * Problems with the action labels of `at`/`after` steps: `label` names an
 * action of the entry script, `Script.label` one of another script.
 */
export function callerLabelProblems(script: CallerScript, entry: string, known: ScriptLabels): CallerProblem[] {
  const problems: CallerProblem[] = [];
  for (const step of script.steps) {
    if (step.kind !== 'at' && step.kind !== 'after') continue;
    const dot = step.label.indexOf('.');
    const scriptName = dot < 0 ? entry : step.label.slice(0, dot);
    const label = dot < 0 ? step.label : step.label.slice(dot + 1);
    const actions = known.actions(scriptName);
    if (!actions) {
      const hint = didYouMean(scriptName, known.scripts());
      problems.push({ message: `"${step.kind} ${step.label}": there is no script ${scriptName}${hint ? `; did you mean ${hint}?` : ''}`, at: step.at });
      continue;
    }
    const labels = actions.map((a) => a.label);
    if (labels.includes(label)) continue;
    let hint = didYouMean(label, labels);
    // A label alone is the entry script's; the caller may have meant a subscript's action.
    if (!hint && dot < 0) hint = known.scripts().find((s) => s.toLowerCase() !== entry.toLowerCase() && known.actions(s)?.some((a) => a.label === label))?.concat(`.${label}`);
    // `at menu` in an imported script, whose labels are Studio's action numbers: name the labels of its MENU actions.
    const ofType = hint ? [] : actions.filter((a) => a.type.toLowerCase() === label.toLowerCase()).map((a) => `"${a.label}"`);
    const type = label.toUpperCase();
    const help = hint
      ? `; did you mean "${hint}"?`
      : ofType.length === 1
        ? `; its ${type} action is labelled ${ofType[0]}`
        : ofType.length > 1
          ? `; its ${type} actions are labelled ${ofType.slice(0, 5).join(', ')}${ofType.length > 5 ? ', …' : ''}`
          : '';
    problems.push({ message: `"${step.kind} ${step.label}": script ${scriptName} has no action labelled "${label}"${help}`, at: step.at });
  }
  return problems;
}
