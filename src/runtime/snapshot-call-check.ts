// Checks the call part of a run in a snapshot (snapshot-check.ts does the
// rest): the scripted caller (`state.id.caller`), the contact (`state.contact`:
// the call, its events waiting, the event being handled, the stretch in
// progress) and the transcript (`log.transcript`). Every member the call engine
// reads has the type it needs, and what names an action names one that is
// loaded, so a damaged call is refused naming where instead of failing
// inside the resumed run. Throws StateError (contract/state-check.ts).
import { array, bool, fail, finite, object, oneOf, orNull, text, texts, time, whole } from '../contract/state-check.js';
import { DIGITAL_STATUSES } from '../contract/contact.js';

type Path = string;
/** Resolves a frame's script: its action labels, or undefined when it is not loaded. */
export type ScriptOf = (name: string) => { hasAction(label: string): boolean } | undefined;

const CALL_STATUSES = ['ivr', 'queued', 'agent', 'hold', 'preview', 'released'] as const;
const RELEASED_BY = ['caller', 'agent', 'script', 'transfer', 'system'] as const;
const SPEAKERS = ['ivr', 'caller', 'agent', 'system'] as const;
const ENTRY_KINDS = ['prompt', 'music', 'tone', 'keys', 'speech', 'hangup', 'contact'] as const;
const STRETCH_ENDS = ['done', 'key', 'collected', 'recorded', 'hangup', 'horizon', 'interrupt'] as const;
const STEP_KINDS = ['press', 'wait', 'at', 'after', 'hear', 'say', 'hangup', 'silent'] as const;

const optional = (x: unknown, path: Path, check: (x: unknown, path: Path) => unknown): void => {
  if (x !== undefined) check(x, path);
};
const duration = (x: unknown, path: Path): number => {
  const n = finite(x, path);
  if (n < 0) fail(path, 'must be 0 or more');
  return n;
};

/** The scripted caller of a phone run (`state.id.caller`). */
export function checkCallerScript(x: unknown, at: Path): void {
  const c = object(x, at);
  array(c.steps, `${at}.steps`).forEach((s, i) => {
    const sat = `${at}.steps[${i}]`;
    const step = object(s, sat);
    const kind = oneOf(step.kind, `${sat}.kind`, STEP_KINDS);
    // Where the step was written (a caller given as an object may leave it out).
    optional(step.at, `${sat}.at`, (v, p) => {
      const span = object(v, p);
      for (const k of ['item', 'offset', 'length']) whole(span[k], `${p}.${k}`);
    });
    if (kind === 'press') {
      text(step.digits, `${sat}.digits`);
      duration(step.gapMs, `${sat}.gapMs`);
    } else if (kind === 'wait') duration(step.ms, `${sat}.ms`);
    else if (kind === 'at' || kind === 'after') text(step.label, `${sat}.label`);
    else if (kind === 'say') {
      text(step.text, `${sat}.text`);
      duration(step.ms, `${sat}.ms`);
    } else if (kind === 'hear') {
      text(step.text, `${sat}.text`);
      if (step.pattern !== undefined) {
        const p = object(step.pattern, `${sat}.pattern`);
        const source = text(p.source, `${sat}.pattern.source`);
        const flags = text(p.flags, `${sat}.pattern.flags`);
        try {
          new RegExp(source, flags);
        } catch {
          fail(`${sat}.pattern`, 'must be a valid pattern');
        }
      }
    }
  });
  optional(c.hangUpAfterMs, `${at}.hangUpAfterMs`, duration);
}

/** The contact of a run (`state.contact`); `running` runs also have their actions checked against the loaded scripts. */
export function checkRunContact(x: unknown, at: Path, scriptOf: ScriptOf | undefined): void {
  const c = object(x, at);
  if (c.call !== undefined) checkCall(c.call, `${at}.call`);
  const events = object(c.events, `${at}.events`);
  whole(events.seq, `${at}.events.seq`);
  let last = -Infinity;
  array(events.queue, `${at}.events.queue`).forEach((e, i) => {
    const eat = `${at}.events.queue[${i}]`;
    const q = object(e, eat);
    const atMs = time(q.atMs, `${eat}.atMs`);
    if (atMs < last) fail(`${eat}.atMs`, 'is before the event ahead of it (the queue is in time order)');
    last = atMs;
    whole(q.seq, `${eat}.seq`);
    checkEvent(q.event, `${eat}.event`);
  });
  optional(c.handling, `${at}.handling`, checkEvent);
  if (c.pending !== undefined) checkPending(c.pending, `${at}.pending`, scriptOf);
}

/** One transcript entry list (`log.transcript`). */
export function checkTranscript(x: unknown, at: Path): void {
  array(x, at).forEach((e, i) => checkEntry(e, `${at}[${i}]`));
}

function checkCall(x: unknown, at: Path): void {
  const call = object(x, at);
  oneOf(call.status, `${at}.status`, CALL_STATUSES);
  checkSide(call.side, `${at}.side`);
  orNull(call.agent, `${at}.agent`, checkAgent);
  text(call.skillName, `${at}.skillName`);
  const speech = object(call.speech, `${at}.speech`);
  finite(speech.rate, `${at}.speech.rate`);
  finite(speech.volume, `${at}.speech.volume`);
  text(speech.voice, `${at}.speech.voice`);
  orNull(speech.cloud, `${at}.speech.cloud`, (v, p) => {
    const cloud = object(v, p);
    text(cloud.vendor, `${p}.vendor`);
    text(cloud.voiceName, `${p}.voiceName`);
  });
  orNull(call.released, `${at}.released`, (v, p) => {
    const r = object(v, p);
    time(r.atMs, `${p}.atMs`);
    oneOf(r.by, `${p}.by`, RELEASED_BY);
    const cause = object(r.cause, `${p}.cause`);
    text(cause.callResult, `${p}.cause.callResult`);
    finite(cause.causeCode, `${p}.cause.causeCode`);
    finite(cause.categoryId, `${p}.cause.categoryId`);
  });
  optional(call.keyCatcher, `${at}.keyCatcher`, (v, p) => {
    const k = object(v, p);
    // It may name a frame that has returned since: it then catches nothing (call-state.ts keyCatcherOf).
    whole(k.frame, `${p}.frame`);
    for (const m of ['script', 'label', 'action']) text(k[m], `${p}.${m}`);
  });
}

function checkSide(x: unknown, at: Path): void {
  const side = object(x, at);
  orNull(side.caller, `${at}.caller`, (v, p) => {
    const c = object(v, p);
    whole(c.step, `${p}.step`);
    time(c.readyMs, `${p}.readyMs`);
    whole(c.pressed, `${p}.pressed`);
    orNull(c.deadlineMs, `${p}.deadlineMs`, time);
    orNull(c.hungUpMs, `${p}.hungUpMs`, time);
  });
  array(side.keys, `${at}.keys`).forEach((k, i) => {
    const key = object(k, `${at}.keys[${i}]`);
    text(key.digit, `${at}.keys[${i}].digit`);
    time(key.atMs, `${at}.keys[${i}].atMs`);
  });
}

function checkAgent(x: unknown, at: Path): void {
  const a = object(x, at);
  for (const m of ['id', 'firstName', 'lastName']) text(a[m], `${at}.${m}`);
}

function checkEvent(x: unknown, at: Path): void {
  const e = object(x, at);
  const type = oneOf(e.type, `${at}.type`, ['answer', 'release', 'hold', 'resume', 'signal', 'preview', 'status', 'dtmf'] as const);
  if (type === 'answer') {
    checkAgent(e.agent, `${at}.agent`);
    text(e.skillName, `${at}.skillName`);
    optional(e.skillNo, `${at}.skillNo`, finite);
  } else if (type === 'release') {
    oneOf(e.by, `${at}.by`, RELEASED_BY);
    optional(e.cause, `${at}.cause`, (v, p) => {
      const cause = object(v, p);
      optional(cause.callResult, `${p}.callResult`, text);
      optional(cause.causeCode, `${p}.causeCode`, finite);
      optional(cause.categoryId, `${p}.categoryId`, finite);
    });
  } else if (type === 'signal') {
    text(e.from, `${at}.from`);
    texts(e.params, `${at}.params`);
  } else if (type === 'preview') {
    checkAgent(e.agent, `${at}.agent`);
    text(e.campaign, `${at}.campaign`);
    text(e.record, `${at}.record`);
  } else if (type === 'status') {
    oneOf(e.status, `${at}.status`, DIGITAL_STATUSES);
    oneOf(e.by, `${at}.by`, ['script', 'agent'] as const);
  } else if (type === 'dtmf') text(e.digit, `${at}.digit`);
}

function checkPending(x: unknown, at: Path, scriptOf: ScriptOf | undefined): void {
  const p = object(x, at);
  const startMs = time(p.startMs, `${at}.startMs`);
  const endMs = orNull(p.endMs, `${at}.endMs`, time);
  if (endMs !== null && endMs < startMs) fail(`${at}.endMs`, 'is before its startMs');
  optional(p.reason, `${at}.reason`, text);
  if (p.action !== undefined) {
    const aat = `${at}.action`;
    const a = object(p.action, aat);
    const script = text(a.script, `${aat}.script`);
    const label = text(a.label, `${aat}.label`);
    if (scriptOf) {
      const found = scriptOf(script);
      if (!found) fail(`${aat}.script`, `names script ${JSON.stringify(script)}, which is not loaded`);
      if (!found.hasAction(label)) fail(`${aat}.label`, `names action ${JSON.stringify(label)}, which script ${script} does not have`);
    }
    const outcome = object(a.outcome, `${aat}.outcome`);
    text(outcome.branch, `${aat}.outcome.branch`);
    optional(outcome.outputs, `${aat}.outcome.outputs`, object);
    optional(outcome.vars, `${aat}.outcome.vars`, object);
    optional(outcome.error, `${aat}.outcome.error`, text);
    const targets = object(a.targets, `${aat}.targets`);
    for (const k of Object.keys(targets)) text(targets[k], `${aat}.targets.${k}`);
    duration(a.seconds, `${aat}.seconds`);
  }
  if (p.stretch !== undefined) {
    const sat = `${at}.stretch`;
    const s = object(p.stretch, sat);
    checkSpec(s.spec, `${sat}.spec`);
    checkSide(s.side, `${sat}.side`);
    optional(s.recordFile, `${sat}.recordFile`, text);
    optional(s.result, `${sat}.result`, (v, rat) => {
      const r = object(v, rat);
      checkSide(r.side, `${rat}.side`);
      checkTranscript(r.transcript, `${rat}.transcript`);
      optional(r.recording, `${rat}.recording`, checkRecording);
      oneOf(r.ended, `${rat}.ended`, STRETCH_ENDS);
    });
  }
}

function checkSpec(x: unknown, at: Path): void {
  const s = object(x, at);
  text(s.where, `${at}.where`);
  text(s.action, `${at}.action`);
  optional(s.audio, `${at}.audio`, (v, p) =>
    array(v, p).forEach((a, i) => {
      const piece = object(a, `${p}[${i}]`);
      oneOf(piece.kind, `${p}[${i}].kind`, ['prompt', 'music', 'tone'] as const);
      text(piece.text, `${p}[${i}].text`);
      optional(piece.segments, `${p}[${i}].segments`, checkSegments);
      duration(piece.ms, `${p}[${i}].ms`);
    }),
  );
  bool(s.clearDigits, `${at}.clearDigits`);
  for (const flag of ['stopOnKey', 'endless', 'completes', 'interruptOnKey']) optional(s[flag], `${at}.${flag}`, bool);
  optional(s.silenceMs, `${at}.silenceMs`, duration);
  optional(s.collect, `${at}.collect`, (v, p) => {
    const c = object(v, p);
    whole(c.maxDigits, `${p}.maxDigits`);
    text(c.terminators, `${p}.terminators`);
    bool(c.keepTerminator, `${p}.keepTerminator`);
    duration(c.timeoutMs, `${p}.timeoutMs`);
    duration(c.interDigitMs, `${p}.interDigitMs`);
  });
  optional(s.record, `${at}.record`, (v, p) => {
    const r = object(v, p);
    text(r.termKeys, `${p}.termKeys`);
    bool(r.keepKey, `${p}.keepKey`);
    duration(r.maxMs, `${p}.maxMs`);
    bool(r.beep, `${p}.beep`);
  });
}

function checkSegments(x: unknown, at: Path): void {
  array(x, at).forEach((g, i) => {
    const seg = object(g, `${at}[${i}]`);
    oneOf(seg.kind, `${at}[${i}].kind`, ['tts', 'file', 'say'] as const);
    text(seg.text, `${at}[${i}].text`);
    optional(seg.prefix, `${at}[${i}].prefix`, text);
  });
}

function checkRecording(x: unknown, at: Path): void {
  const r = object(x, at);
  text(r.text, `${at}.text`);
  duration(r.ms, `${at}.ms`);
  text(r.key, `${at}.key`);
}

function checkEntry(x: unknown, at: Path): void {
  const e = object(x, at);
  time(e.atMs, `${at}.atMs`);
  oneOf(e.kind, `${at}.kind`, ENTRY_KINDS);
  oneOf(e.who, `${at}.who`, SPEAKERS);
  text(e.text, `${at}.text`);
  optional(e.action, `${at}.action`, text);
  optional(e.segments, `${at}.segments`, checkSegments);
  optional(e.ms, `${at}.ms`, duration);
  optional(e.playedMs, `${at}.playedMs`, duration);
  optional(e.cut, `${at}.cut`, (v, p) => oneOf(v, p, ['key', 'hangup', 'event'] as const));
}
