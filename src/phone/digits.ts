// The contact's DTMF digit buffer and the rules by which MENU and CAPTURE turn
// key presses into a value (research voice-actions.md §0.4, §6, §7): keys
// pressed while nothing listens wait in the buffer (type-ahead) and are
// consumed first; ClearDigits empties it when an action starts; input ends on
// a terminator key, on MaxDigits (the terminator counts), when no key comes
// within Timeout, or when the gap after a key exceeds InterDigitTimeout.

import type { CollectEnd, CollectRules } from '../contract/contact.js';

/** A key the caller pressed; it stays in the buffer until an action consumes or clears it. */
export interface Key {
  readonly digit: string;
  readonly atMs: number;
}

export interface Collecting {
  readonly value: string;
  readonly keys: number;
  /** When collection started (no key yet) or when the last key came. */
  readonly sinceMs: number;
}

export interface Collected {
  readonly end: CollectEnd;
  readonly value: string;
  readonly atMs: number;
}

/**
 * Reads Studio's Terminator text: the keys that end input, a trailing `-`
 * meaning the key is not stored (`#-`). Undefined when it holds anything else.
 */
export function parseTerminator(text: string): { keys: string; keep: boolean } | undefined {
  const t = text.trim();
  const keep = !t.endsWith('-');
  const keys = keep ? t : t.slice(0, -1);
  return /^[0-9*#]*$/.test(keys) ? { keys, keep } : undefined;
}

export function beginCollect(startMs: number): Collecting {
  return { value: '', keys: 0, sinceMs: startMs };
}

/** When collection gives up if no (further) key comes. */
export function collectDeadline(rules: CollectRules, c: Collecting): number {
  return c.sinceMs + (c.keys === 0 ? rules.timeoutMs : rules.interDigitMs);
}

/**
 * Feeds one key that came at or before the deadline (a key exactly at the
 * deadline still counts). Returns the finished input or the new state.
 */
export function collectKey(rules: CollectRules, c: Collecting, key: Key): Collecting | Collected {
  const keys = c.keys + 1;
  if (rules.terminators.includes(key.digit)) {
    return { end: 'Terminator', value: rules.keepTerminator ? c.value + key.digit : c.value, atMs: key.atMs };
  }
  const value = c.value + key.digit;
  if (keys >= rules.maxDigits) return { end: 'MaxDigits', value, atMs: key.atMs };
  return { value, keys, sinceMs: key.atMs };
}

/** Input that timed out at its deadline. */
export function expire(rules: CollectRules, c: Collecting): Collected {
  return { end: c.keys === 0 ? 'Timeout' : 'InterDigitTimeout', value: c.value, atMs: collectDeadline(rules, c) };
}

export const isCollected = (x: Collecting | Collected): x is Collected => 'end' in x;

/**
 * The buffer without the keys pressed before `atMs` (ClearDigits). A key
 * pressed at the very instant the action starts is not typed ahead: it stays,
 * and the action takes it.
 */
export function clearBuffer(buffer: readonly Key[], atMs: number): readonly Key[] {
  let i = 0;
  while (i < buffer.length && buffer[i]!.atMs < atMs) i++;
  return i === 0 ? buffer : buffer.slice(i);
}

/** Adds a key, keeping the buffer in time order. */
export function pushKey(buffer: readonly Key[], key: Key): readonly Key[] {
  const last = buffer[buffer.length - 1];
  if (!last || last.atMs <= key.atMs) return [...buffer, key];
  const i = buffer.findIndex((k) => k.atMs > key.atMs);
  return [...buffer.slice(0, i), key, ...buffer.slice(i)];
}
