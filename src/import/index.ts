// `studio-script import`: Desktop Studio XML exports to `.script` text.
export { importStudioXml, quote, type ImportOptions, type ImportResult } from './convert.js';
export { decodeEntities, readStudioXml, type StudioAction, type StudioBranch, type StudioCase, type StudioScript } from './studio-xml.js';
