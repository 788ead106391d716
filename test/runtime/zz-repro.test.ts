import { it } from 'vitest';
import { run } from './helpers.js';
const bodies = [
  '\na = 1\nb = a / 0\n',
  '\r\n  a = 1\r\n  b = a / 0\r\n',
  '\n\ta = 1\n\tb = a / 0\n',
  ' a = 1\n  b = a / 0\n',
  '\n  a = 1\n  b = a / 0 }',
  '\n  a = 1\n\n  b = a / 0\n',
  '\n  ASSIGN a = 1\n  ASSIGN b = a / 0\n',
  '\n  a = 1; b = a / 0\n',
];
for (const b of bodies)
it(JSON.stringify(b), async () => {
  const r = await run([`script Main\n\nstart: BEGIN -> calc\n\ncalc: SNIPPET "Divide" {${b}}\n  Default -> done\n  Error -> done\n\ndone: END\n`]);
  console.log('OUT', JSON.stringify(b), JSON.stringify(r.variables), r.lastError, r.path.join(','));
});
