// `studio-script import` and `export`: Studio exports (Desktop XML, CXone
// Studio JSON) to `.script` text and back.
export { importStudio, importStudioXml, type ImportOptions, type ImportResult } from './convert.js';
export { exportStudio, type ExportOptions, type ExportResult } from './export.js';
export { readStudioExport } from './read.js';
export { decodeEntities, readStudioXml } from './studio-xml.js';
export { readStudioJson } from './studio-json.js';
export type { StudioAction, StudioBranch, StudioParam, StudioScript, StudioValue } from './model.js';
