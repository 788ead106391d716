// The kinds of change a run records in its result's `effects` (tenant and
// outside-world changes). A new kind is one more name in EFFECT_KINDS: test files,
// matchers and the result type learn it from here.

/** Every kind of tenant/outside-world change a run records (the result's `effects`). */
export const EFFECT_KINDS = ['prospects', 'crm', 'agentEvents', 'savedToDb', 'http', 'screenPop', 'sources', 'spawns', 'messages', 'previews', 'recordings', 'calls', 'tones'] as const;

export type EffectKind = (typeof EFFECT_KINDS)[number];

export const isEffectKind = (name: string): name is EffectKind => (EFFECT_KINDS as readonly string[]).includes(name);
