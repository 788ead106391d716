// Personal Connection (docs/actions/personal-connection.md): one line per built-in action.
export { default as createProspectsV2 } from '../create-prospects-v2.js';
export { default as createSource } from '../create-source.js';
export { default as createSourceMap } from '../create-source-map.js';
export { default as getProspect } from '../get-prospect.js';
export { default as getQueue } from '../get-queue.js';
export { default as getSkillInfo } from '../get-skill-info.js';
export { default as getSourceMap } from '../get-source-map.js';
export { default as removeProspects } from '../remove-prospects.js';
export { default as onpreview } from '../onpreview.js';
