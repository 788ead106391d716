// SNIPPET: runs snippet code (snippet-language.md) against the script's variables.
import { flow } from '../contract/flow.js';
import type { Value } from '../contract/value.js';
import { MAX_STRING_SIZE_STUDIO, MAX_STRING_SIZES, maxStringChars } from './assign.js';
import { defineAction, oneOf } from './define.js';
import { GLOBAL_PREFIX } from '../contract/variables.js';

export default defineAction({
  type: 'SNIPPET',
  description: 'Runs snippet code; variables it assigns are written back. A syntax or run-time error takes Error.',
  source: 'Studio help page https://help.nicecxone.com/zh-cn/content/studio/actionscx/snippet/snippet.htm (documented, read on a translated page); the language: docs/snippet-language.md',
  props: {
    MaxStringSize: oneOf(MAX_STRING_SIZES, { default: '2K', studio: MAX_STRING_SIZE_STUDIO, description: 'Longest text a string may hold while the snippet runs.' }),
  },
  studio: { evidence: 'observed', params: [{ studio: 'Data' }, 'MaxStringSize'], source: 'CXone Studio JSON; Data is the code' },
  branches: ['Default', 'Error'],
  errorBranch: 'Error',
  execute(ctx, props) {
    const f = flow(ctx);
    const code = f.action.compiled.snippet;
    if (!code) return ctx.branch('Default');
    const result = code.run(f.snippetEnv(maxStringChars(props.MaxStringSize)));
    for (const line of result.trace) f.trace(line);
    for (const saved of result.savedToDb) ctx.effect('savedToDb', { name: saved.name, value: saved.value });
    for (const call of result.http) ctx.effect('http', { method: call.method, url: call.url, status: call.status });
    // A FOREACH iterator no longer exists after its loop, also when it overwrote a script variable.
    if (result.removed) f.removeVariables(result.removed);
    // Assignments made before a run-time error stay (snippet-language.md), so they are written on both branches.
    const vars: Record<string, Value> = {};
    for (const [name, value] of result.assignments) vars[name] = value;
    for (const [name, value] of result.globals) vars[GLOBAL_PREFIX + name] = value;
    if (result.error) return { ...ctx.error(result.error.message), vars };
    return { branch: 'Default', vars };
  },
});
