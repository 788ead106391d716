// Writes schemas/tenant.schema.json from the compiled tenant sections (run
// after tsc by `npm run build`), so the published schema is exactly the one
// the loader compiles. test/tenant/schema.test.ts checks they agree.
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const { tenantSchema } = await import(join(root, 'dist', 'src', 'tenant', 'schema.js'));
const out = join(root, 'schemas', 'tenant.schema.json');
const text = JSON.stringify(tenantSchema(), null, 2) + '\n';
let previous = '';
try {
  previous = readFileSync(out, 'utf8');
} catch {}
mkdirSync(dirname(out), { recursive: true });
if (previous !== text) writeFileSync(out, text);
console.log('build-tenant-schema: schemas/tenant.schema.json');
