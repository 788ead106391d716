// Durations: one parser for test files, caller scripts, --reply and --until.
// Test files also take plain seconds; a stop time never does (`2026` may be a year).
import { describe, expect, test } from 'vitest';
import { durationMs, parseDuration } from '../../src/contract/duration.js';

describe('durations', () => {
  test.each<[string | number, number | undefined]>([
    ['90s', 90],
    ['1h30m', 5400],
    ['1 h 30 m', 5400],
    ['2H', 7200],
    ['250ms', 0.25],
    ['1d', 86400],
    ['90', 90],
    ['1.5', 1.5],
    [45, 45],
    [-1, undefined],
    ['', undefined],
    ['5x', undefined],
    ['soon', undefined],
  ])('seconds of %j: %j', (text, seconds) => {
    expect(parseDuration(text)).toBe(seconds);
  });

  test.each<[string, number | undefined]>([
    ['90s', 90_000],
    ['1 h 30 m', 5_400_000],
    ['30M', 1_800_000],
    ['250ms', 250],
    ['2026', undefined],
    ['2026-12-06T10:00:00Z', undefined],
  ])('milliseconds of a stop time %j: %j', (text, ms) => {
    expect(durationMs(text)).toBe(ms);
  });
});
