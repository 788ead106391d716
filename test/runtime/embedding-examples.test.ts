// The embedding examples a new user copies really run: the README's "Embedding
// in Node" snippet and examples/embedding/run.mjs, against the built package.
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, test } from 'vitest';

const built = existsSync(resolve('dist/src/index.js'));

function node(args: string[]) {
  // Run from the package root so `import … from 'studio-script'` resolves to this package.
  const r = spawnSync(process.execPath, args, { encoding: 'utf8', cwd: resolve('.') });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

describe.skipIf(!built)('embedding examples', () => {
  test("the README's embedding snippet runs and prints what its comments say", () => {
    const readme = readFileSync('README.md', 'utf8');
    const section = readme.slice(readme.indexOf('## Embedding in Node'));
    const code = /```js\n([\s\S]*?)```/.exec(section)?.[1];
    expect(code).toBeDefined();
    const r = node(['--input-type=module', '-e', code!]);
    // Node may print an experimental-feature warning; an error or a stack trace is a failure.
    expect(r.stderr).not.toMatch(/Error|\n\s+at /);
    expect(r.code).toBe(0);
    const expected = [...code!.matchAll(/console\.log\(result\.status.*\/\/ (.*)|console\.log\(resumed\.status.*\/\/ (.*)/g)].map((m) => (m[1] ?? m[2])!.trim());
    const lines = r.stdout.trim().split('\n');
    expect(lines.slice(-2)).toEqual(expected);
  });

  test('examples/embedding/run.mjs runs, and its resumed run equals the uninterrupted one', () => {
    const r = node(['examples/embedding/run.mjs']);
    // Node may print an experimental-feature warning; an error or a stack trace is a failure.
    expect(r.stderr).not.toMatch(/Error|\n\s+at /);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('CallbackQueue: completed after 24 actions');
    expect(r.stdout).toContain('same result as the uninterrupted run: true');
  });
});
