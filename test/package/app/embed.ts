// The README's embedding example, type-checked against the published declarations.
import { createRuntime, defineConfig, loadFolder, loadTenant } from 'studio-script';

const scripts = await loadFolder('node_modules/studio-script/scripts-examples/');
const runtime = createRuntime({
  scripts,
  tenant: await loadTenant('node_modules/studio-script/scripts-examples/tenant.yaml'),
  now: '2026-11-21T09:00:00-07:00',
});
runtime.on('action.exit', (e) => console.log(e.script, e.label, '->', e.branch));
const result = await runtime.run('CreateProspectsBrain', { until: '2h' });
const status: string = result.status;
console.log(status, defineConfig({ scripts: 'scripts' }).scripts);
