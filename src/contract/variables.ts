// Variable names, as scripts, test files, the CLI and the runtime all write
// them: an identifier, optionally prefixed by `global:` to name a global
// variable. One pattern and one parsed form, so no room slices prefixes itself.

/** The prefix that makes a name a global variable (`global:total`); case-insensitive. */
export const GLOBAL_PREFIX = 'global:';

/** A variable name: optional `global:`, then a letter or `_`, then letters, digits, `_` or `$`. */
export const VARIABLE_NAME = /^(global:)?[A-Za-z_][A-Za-z0-9_$]*$/i;

/** An identifier alone (no prefix): a letter or `_`, then letters, digits, `_` or `$`. */
export const IDENTIFIER = /^[A-Za-z_][A-Za-z0-9_$]*$/;

/** How messages describe the pattern. */
export const VARIABLE_NAME_RULE = 'a letter or _, then letters, digits, _ or $; optionally global:';

/**
 * A variable name with its prefix taken apart: `name` is lowercase (Studio's
 * names are case-insensitive) and has no prefix; `global` is true when the
 * name was written with `global:`. A name without the prefix may still reach a
 * global at run time (when no local has that name): that is the runtime's rule.
 */
export interface VariableName {
  readonly name: string;
  readonly global: boolean;
}

/** Parses `raw` (any case, surrounding spaces ignored) into its lowercase name and prefix. */
export function variableName(raw: string): VariableName {
  const lower = raw.trim().toLowerCase();
  return isGlobalName(lower) ? { name: globalPart(lower), global: true } : { name: lower, global: false };
}

/** True when a lowercase name carries the `global:` prefix (no allocation: the runtime asks on every write). */
export const isGlobalName = (lower: string): boolean => lower.startsWith(GLOBAL_PREFIX);

/** The name after the `global:` prefix of a lowercase name that has it (isGlobalName). */
export const globalPart = (lower: string): string => lower.slice(GLOBAL_PREFIX.length);

/** The written form of a parsed name (`global:x` or `x`). */
export function variableText(v: VariableName): string {
  return v.global ? GLOBAL_PREFIX + v.name : v.name;
}

/** The lowercase name without a `global:` prefix (redaction lists, screen pop flags). */
export function bareName(raw: string): string {
  return variableName(raw).name;
}
