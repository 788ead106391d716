// The contact as an action sees it during one step (`ctx.contact`): what it
// plays and collects becomes the step's call stretch, simulated at once so the
// action can choose its branch; the engine then applies the stretch when the
// action completes, or cuts it short when an event comes first.
import type {
  CollectResult,
  CollectRules,
  ContactContext,
  ContactEvent,
  CallStatus,
  ContactView,
  HeardSegment,
  PlayPiece,
  PlayResult,
  RecordResult,
  RecordRules,
  SpeechSettings,
} from '../contract/contact.js';
import { heardText, promptMs, TTS_SEGMENT_LIMIT } from '../phone/prompt-sequence.js';
import { simulateStretch, type AudioPiece, type StretchResult, type StretchSpec } from '../phone/media.js';
import type { ContactState } from '../phone/contact.js';
import { keyCatcherOf } from './call-state.js';
import type { RunDriver } from './driver.js';
import type { PreparedAction } from './scripts.js';

/** What StepContact needs from the runtime. */
export interface StepContactHost {
  clockMs(): number;
  caller(d: RunDriver): import('../phone/caller.js').ResolvedCaller | null;
  audioSeconds(file: string): number | undefined;
  warn(d: RunDriver, message: string): void;
  raise(contactId: string, event: ContactEvent, atMs: number): boolean;
  view(d: RunDriver): ContactView;
  setStatus(d: RunDriver, status: Exclude<CallStatus, 'released'>, info?: { skillNo?: number; skillName?: string }): void;
  note(d: RunDriver, text: string, who: 'system' | 'agent'): void;
}

/** The stretch an action's media call made this step. */
export interface StepStretch {
  spec: StretchSpec;
  result: StretchResult;
  recordFile?: string;
}

export class StepContact implements ContactContext {
  private d!: RunDriver;
  private action!: PreparedAction;
  private elapse!: (seconds: number) => void;
  stretch: StepStretch | undefined;

  constructor(private readonly host: StepContactHost) {}

  begin(d: RunDriver, action: PreparedAction, elapse: (seconds: number) => void): void {
    this.d = d;
    this.action = action;
    this.elapse = elapse;
    this.stretch = undefined;
  }

  private get call(): ContactState {
    return this.d.state.contact!.call!;
  }

  get view(): ContactView {
    return this.host.view(this.d);
  }

  get speech(): SpeechSettings {
    return this.call.speech;
  }

  setSpeech(settings: Partial<SpeechSettings>): void {
    const c = this.d.state.contact!;
    this.d.state = { ...this.d.state, contact: { ...c, call: { ...c.call!, speech: { ...c.call!.speech, ...settings } } } };
  }

  play(pieces: readonly PlayPiece[], opts: { clearDigits: boolean; detectDtmf: boolean }): PlayResult {
    if (this.released()) return { ended: 'released', seconds: 0 };
    const r = this.run({ audio: pieces.map((p) => this.piece(p)), clearDigits: opts.clearDigits, stopOnKey: opts.detectDtmf });
    return { ended: r.ended === 'key' ? 'key' : r.ended === 'hangup' ? 'hangup' : 'done', seconds: this.seconds(r) };
  }

  collect(prompt: readonly HeardSegment[] | null, rules: CollectRules, opts: { clearDigits: boolean }): CollectResult {
    if (this.released()) return { ended: 'released', value: '', seconds: 0 };
    const audio = prompt && prompt.length > 0 ? [this.piece({ kind: 'prompt', segments: prompt })] : [];
    const r = this.run({ audio, clearDigits: opts.clearDigits, collect: rules });
    if (r.ended === 'hangup' || !r.collected) return { ended: 'hangup', value: '', seconds: this.seconds(r) };
    return { ended: r.collected.end, value: r.collected.value, seconds: this.seconds(r) };
  }

  record(rules: RecordRules, opts: { clearDigits: boolean; file: string }): RecordResult {
    if (this.released()) return { ended: 'released', key: '', seconds: 0 };
    const r = this.run({ clearDigits: opts.clearDigits, record: rules }, opts.file);
    return { ended: r.ended === 'hangup' ? 'hangup' : 'recorded', key: r.recording?.key ?? '', seconds: this.seconds(r) };
  }

  setStatus(status: Exclude<CallStatus, 'released'>, info?: { skillNo?: number; skillName?: string }): void {
    this.host.setStatus(this.d, status, info);
  }

  raise(event: ContactEvent, opts?: { afterSeconds?: number }): void {
    this.host.raise(this.d.state.id.contactId, event, this.host.clockMs() + Math.max(0, Math.round((opts?.afterSeconds ?? 0) * 1000)));
  }

  catchKeys(): boolean {
    const label = this.action.edges.get('ondtmf');
    if (label === undefined) return false;
    const frames = this.d.state.frames;
    const c = this.d.state.contact!;
    const keyCatcher = { frame: frames.length - 1, script: frames[frames.length - 1]!.script, label, action: this.action.where };
    this.d.state = { ...this.d.state, contact: { ...c, call: { ...c.call!, keyCatcher } } };
    return true;
  }

  note(text: string, who: 'system' | 'agent' = 'system'): void {
    this.host.note(this.d, text, who);
  }

  /** Studio allows no media once the call is released (after ONRELEASE): nothing plays, and the run says why. */
  private released(): boolean {
    if (this.call.status !== 'released') return false;
    this.host.warn(this.d, `${this.action.where}: ${this.action.def.type} after the call was released plays nothing (Studio allows no media in ONRELEASE)`);
    return true;
  }

  private piece(p: PlayPiece): AudioPiece {
    if (p.kind === 'music') return { kind: 'music', text: p.file, ms: Math.max(0, Math.round(p.seconds * 1000)) };
    if (p.kind === 'tones') {
      const n = p.digits.length;
      return { kind: 'tone', text: `DTMF ${p.digits}`, ms: n === 0 ? 0 : n * p.toneMs + (n - 1) * p.spacingMs };
    }
    for (const s of p.segments)
      if (s.kind === 'tts' && s.text.length > TTS_SEGMENT_LIMIT)
        this.host.warn(this.d, `${this.action.where}: a text-to-speech segment of ${s.text.length} characters after substitution (Studio allows ${TTS_SEGMENT_LIMIT})`);
    return { kind: 'prompt', text: heardText(p.segments), segments: p.segments, ms: promptMs(p.segments, { rate: p.rate ?? this.call.speech.rate }, (f) => this.host.audioSeconds(f)) };
  }

  private run(parts: Omit<StretchSpec, 'where' | 'action'>, recordFile?: string): StretchResult {
    if (this.stretch) throw new Error(`${this.action.def.type} played to the caller twice in one step`);
    const spec: StretchSpec = { where: observedWhere(this.action), action: this.action.where, ...parts, ...(keyCatcherOf(this.d.state) ? { interruptOnKey: true } : {}) };
    const result = simulateStretch(this.host.caller(this.d), spec, this.call.side, this.host.clockMs());
    this.stretch = recordFile === undefined ? { spec, result } : { spec, result, recordFile };
    this.elapse(this.seconds(result));
    return result;
  }

  private seconds(r: StretchResult): number {
    return (r.endMs - this.host.clockMs()) / 1000;
  }
}

/** How the caller's `at`/`after` steps name an action: `script.label`, script lowercase. */
export function observedWhere(action: PreparedAction): string {
  return `${action.script.toLowerCase()}.${action.node.label}`;
}
