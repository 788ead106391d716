// What the voice actions share: Studio's speech settings (TTSRate, TTSVolume
// saved as text, empty meaning "no change"), their key-input properties
// (MENU, CAPTURE), and the error of a voice action run without a call.
import type { ActionContext, Outcome } from '../contract/action.js';
import type { CollectRules, ContactContext } from '../contract/contact.js';
import { parseTerminator } from '../phone/digits.js';

/** A TTSRate text: undefined when empty, null when it is not a number from −7 to 7. */
export function speechRate(text: string | undefined): number | undefined | null {
  const t = (text ?? '').trim();
  if (t === '') return undefined;
  const n = Number(t);
  return Number.isFinite(n) && n >= -7 && n <= 7 ? n : null;
}

/** A TTSVolume text: undefined when empty, null when it is not a number from 0 to 100. */
export function speechVolume(text: string | undefined): number | undefined | null {
  const t = (text ?? '').trim();
  if (t === '') return undefined;
  const n = Number(t);
  return Number.isFinite(n) && n >= 0 && n <= 100 ? n : null;
}

/** The call of a voice action, or its error outcome when the run is not a call (a Generic script). */
export function callOf(ctx: ActionContext, type: string): ContactContext | Outcome {
  return ctx.contact ?? ctx.error(`${type} needs a phone contact: ${ctx.run.script} is not running a call`);
}

export const isOutcome = (x: ContactContext | Outcome): x is Outcome => 'branch' in x;

/** MENU's and CAPTURE's input properties as collection rules, or the message for a Terminator that is not keys. */
export function inputRules(p: { MaxDigits: number; Terminator: string; Timeout: number; InterDigitTimeout: number }): CollectRules | string {
  const terminator = parseTerminator(p.Terminator);
  if (!terminator) return `Terminator must be keys 0-9, * or #, optionally followed by -, found "${p.Terminator}"`;
  return {
    maxDigits: p.MaxDigits,
    terminators: terminator.keys,
    keepTerminator: terminator.keep,
    timeoutMs: p.Timeout * 1000,
    interDigitMs: p.InterDigitTimeout * 1000,
  };
}
