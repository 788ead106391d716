// The contract of one tenant-file section (`skills`, `sources`, `crm`…): its
// JSON Schema fragment, its semantic rules and how it loads into the store.
// Sections are listed in sections.ts; a domain adds its own without touching
// the loader.
import type { Diagnostic, Span } from '../contract/diagnostics.js';
import type { BulkLoad, TenantStore } from '../contract/tenant-store.js';

/** A path into the tenant document: `['skills', 0, 'name']`. */
export type DocPath = readonly (string | number)[];

/** Locates a path of the document in the file: the value (default) or its key. */
export type Locate = (path: DocPath, part?: 'value' | 'key') => Span;

/** The parsed tenant file as plain data, with where it came from. */
export interface TenantDocument {
  file: string;
  /** The whole document (plain JSON data, already schema-valid when `validate` runs). */
  data: Record<string, unknown>;
}

export interface SectionLoadInfo {
  /** False when the store already held state from an earlier invocation (`--state`): seed data should not overwrite it. */
  fresh: boolean;
  /** The business unit's IANA zone. */
  timeZone: string;
  /** The tenant file (files it names are relative to its folder). */
  file: string;
  /** The folder of the tenant file (data files are named relative to it). */
  dir: string;
  /** Queues a data file to stream into the store once every section is loaded. */
  dataFile(load: DataFileLoad): void;
}

/**
 * A data file a section names (`records: { file: leads.csv }`): streamed into
 * the store after the sections load, in one bulk load with the other files.
 */
export interface DataFileLoad {
  /** Where the tenant file names it, for problems that are about the reference itself. */
  path: DocPath;
  /** The file, resolved. */
  file: string;
  /** Writes the file's records; returns warnings. Throws DataFileError (located in the data file) for a file that cannot load. */
  load(store: TenantStore, bulk: BulkLoad): Promise<Diagnostic[]>;
}

export interface TenantSection<T = unknown> {
  /** The top-level key (`skills`). */
  key: string;
  /** JSON Schema of the key's value (draft-07; `x-message` on a `pattern` gives the error text). */
  schema: Record<string, unknown>;
  /** One line for docs. */
  description: string;
  /** Semantic rules the schema cannot express (unique names, cross references). Runs only on schema-valid documents. */
  validate?(doc: TenantDocument, locate: Locate): Diagnostic[];
  /** Writes the section into the store (inside the load transaction). */
  load?(store: TenantStore, data: T, info: SectionLoadInfo): void;
}

/** Helper for section modules: the typed identity. */
export const defineSection = <T>(section: TenantSection<T>): TenantSection<T> => section;
