// The contact of a run as every room sees it: its state, the events that can
// happen to it (an agent answers, the caller hangs up, a hold, a signal), and
// what actions and background processes may do with it. The phone room
// implements the models; the runtime delivers events; actions reach the
// contact through `ctx.contact`, background processes through ContactServices.

/** What kind of contact a run answers: a call (Phone and Voicemail scripts), or a digital conversation (a message on a channel). */
export type ContactKind = 'phone' | 'digital';

/** Where a call stands. `preview`: an outbound record an agent is looking at before it is dialed (a preview campaign). */
export type CallStatus = 'ivr' | 'queued' | 'agent' | 'hold' | 'preview' | 'released';

/** The statuses of a digital contact (a Digital Experience case), as TEXTMSG and UPDATE DIGITAL CONTACT STATUS name them. */
export const DIGITAL_STATUSES = ['Open', 'Pending', 'Escalated', 'Resolved', 'Closed'] as const;
export type DigitalStatus = (typeof DIGITAL_STATUSES)[number];

export type ContactStatus = CallStatus | DigitalStatus;

export interface AgentInfo {
  readonly id: string;
  readonly firstName: string;
  readonly lastName: string;
}

export type ReleasedBy = 'caller' | 'agent' | 'script' | 'transfer' | 'system';

/** The release reason Studio puts in `_CALLRESULT`, `_CAUSECODE` and `_CAUSECODECATEGORYID`. */
export interface ReleaseCause {
  readonly callResult: string;
  readonly causeCode: number;
  readonly categoryId: number;
}

/**
 * Something that happens to a contact from outside its script. Delivering one
 * interrupts what the script is doing and runs the event action that handles
 * it (an action declares the event it handles with `event` in defineAction).
 */
export type ContactEvent =
  | { readonly type: 'answer'; readonly agent: AgentInfo; readonly skillName: string; readonly skillNo?: number }
  | { readonly type: 'release'; readonly by: ReleasedBy; readonly cause?: Partial<ReleaseCause> }
  | { readonly type: 'hold' }
  | { readonly type: 'resume' }
  | { readonly type: 'signal'; readonly from: string; readonly params: readonly string[] }
  /** A preview campaign offers the contact's record to an agent (ONPREVIEW): the contact enters the Preview state. */
  | { readonly type: 'preview'; readonly agent: AgentInfo; readonly campaign: string; readonly record: string }
  /** A digital contact's status changes (TEXTMSG, UPDATE DIGITAL CONTACT STATUS); `Closed` ends it. Calls ignore it. */
  | { readonly type: 'status'; readonly status: DigitalStatus; readonly by: 'script' | 'agent' }
  /**
   * The caller pressed a key while an INTERRUPTV2 of the script catches keys:
   * the script continues at that INTERRUPTV2's OnDTMF branch (the key stays in
   * the digit buffer). Raised by the runtime from the caller's keys.
   */
  | { readonly type: 'dtmf'; readonly digit: string };

export type ContactEventType = ContactEvent['type'];

/** One segment of a prompt as the caller heard it (variables substituted). */
export interface HeardSegment {
  readonly kind: 'tts' | 'file' | 'say';
  /** Spoken text, or the audio file's name. */
  readonly text: string;
  /** The prefix character of a `say` segment (`$`), when there was one. */
  readonly prefix?: string;
}

export interface CollectRules {
  /** Keys to collect, terminator included (Studio counts it). At least 1. */
  readonly maxDigits: number;
  /** Keys that end input early; '' for none. */
  readonly terminators: string;
  /** Whether the terminator is stored with the value (CAPTURE `#`) or dropped (`#-`). */
  readonly keepTerminator: boolean;
  readonly timeoutMs: number;
  readonly interDigitMs: number;
}

/** How input ended: also the name of the CAPTURE branch it takes. */
export type CollectEnd = 'Terminator' | 'MaxDigits' | 'Timeout' | 'InterDigitTimeout';

export interface RecordRules {
  /** Keys that stop the recording ('' for none); the key is reported unless `keepKey` is false (`#-`). */
  readonly termKeys: string;
  readonly keepKey: boolean;
  readonly maxMs: number;
  readonly beep: boolean;
}

/** What an action plays: a prompt sequence, music (with its announcements, as pieces in order), or DTMF tones it sends (DTMF). */
export type PlayPiece =
  | { readonly kind: 'prompt'; readonly segments: readonly HeardSegment[]; readonly rate?: number }
  | { readonly kind: 'music'; readonly file: string; readonly seconds: number }
  /** Each key a tone of `toneMs`, with `spacingMs` of silence between two tones. */
  | { readonly kind: 'tones'; readonly digits: string; readonly toneMs: number; readonly spacingMs: number };

/**
 * How a media action ended. `hangup`: the caller hung up first (the runtime
 * then interrupts the action and runs ONRELEASE, whatever the action returns);
 * `released`: the contact was already released, so nothing played.
 */
export interface PlayResult {
  readonly ended: 'done' | 'key' | 'hangup' | 'released';
  readonly seconds: number;
}

export interface CollectResult {
  readonly ended: CollectEnd | 'hangup' | 'released';
  readonly value: string;
  readonly seconds: number;
}

export interface RecordResult {
  readonly ended: 'recorded' | 'hangup' | 'released';
  /** The terminating key (unless stripped). */
  readonly key: string;
  readonly seconds: number;
}

export interface ContactView {
  readonly contactId: string;
  readonly masterId: string;
  readonly kind: ContactKind;
  /** A call's CallStatus, a digital contact's DigitalStatus. */
  readonly status: ContactStatus;
  /** The caller's number; for a digital contact, the customer's id on the channel (the thread). */
  readonly ani: string;
  /** The number called; for a digital contact, the channel's id. */
  readonly dnis: string;
  readonly skillNo: number | null;
  readonly skillName: string;
  readonly agent: AgentInfo | null;
  readonly released: { readonly atMs: number; readonly by: ReleasedBy; readonly cause: ReleaseCause } | null;
}

export interface SpeechSettings {
  /** VOICEPARAMS TTSRate: −7 (slowest) … 7 (fastest). */
  readonly rate: number;
  readonly volume: number;
  readonly voice: string;
  /** TTSVOICE (Cloud TTS Hub): vendor and voice; null when not used. */
  readonly cloud: { readonly vendor: string; readonly voiceName: string } | null;
}

/** What an action can do with its run's contact (`ctx.contact`; undefined for runs without one). */
export interface ContactContext {
  readonly view: ContactView;
  /** Plays pieces in order; a key stops them when `detectDtmf`. The action takes as long as they played. */
  play(pieces: readonly PlayPiece[], opts: { clearDigits: boolean; detectDtmf: boolean }): PlayResult;
  /** Plays an optional prompt, then collects keys (MENU, CAPTURE); a key during the prompt stops it and counts. */
  collect(prompt: readonly HeardSegment[] | null, rules: CollectRules, opts: { clearDigits: boolean }): CollectResult;
  /** Records the caller (RECORD); the recording is kept even if the caller hangs up. */
  record(rules: RecordRules, opts: { clearDigits: boolean; file: string }): RecordResult;
  /** Moves the contact: queued (REQAGENT), back to the IVR, … (answer, hold and release come as events). */
  setStatus(status: Exclude<CallStatus, 'released'>, info?: { skillNo?: number; skillName?: string }): void;
  /** Queues an event on this contact, now or later. */
  raise(event: ContactEvent, opts?: { afterSeconds?: number }): void;
  /**
   * From now on a key the caller presses while no action reads keys (anything
   * but MENU, CAPTURE and RECORD, waiting included) interrupts the script and
   * continues it at this action's OnDTMF branch (INTERRUPTV2). False when that
   * branch is not routed: then nothing changes.
   */
  catchKeys(): boolean;
  /** Adds a line to the call transcript (a queue announcement, a transfer). */
  note(text: string, who?: 'system' | 'agent'): void;
  readonly speech: SpeechSettings;
  setSpeech(settings: Partial<SpeechSettings>): void;
}

/**
 * What background processes (routing, dialers) and actions (`ctx.contacts`)
 * get: events and state of any contact by id — the calls of running scripts,
 * and the digital contacts of the tenant (which outlive their scripts).
 */
export interface ContactServices {
  /**
   * Queues an event for `atMs` (default: now); false when no running contact
   * and no digital contact has that id. A digital contact takes its status,
   * answer and release events at once (its script may have ended); a signal
   * goes to its running script.
   */
  raise(contactId: string, event: ContactEvent, atMs?: number): boolean;
  get(contactId: string): ContactView | undefined;
  /** Moves a call (digital contacts change status through `status` events). */
  setStatus(contactId: string, status: Exclude<CallStatus, 'released'>, info?: { skillNo?: number; skillName?: string }): void;
  /** Called for every release (caller, agent, HANGUP, END, transfer, run end; a digital contact closed); returns an unsubscribe function. */
  onRelease(listener: (contactId: string, atMs: number, by: ReleasedBy) => void): () => void;
}
