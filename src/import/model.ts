// The format-neutral form of a Studio script: what the Desktop Studio XML and
// CXone Studio JSON readers produce, what the writers take, and what the
// conversions to and from `.script` text work on. Plain data; every value is
// kept as Studio wrote it (text), so nothing is interpreted before the
// conversion knows which action and property it belongs to.
import type { Span } from '../contract/diagnostics.js';

/** A value as Studio writes it: text, or a list of names (BEGIN's Parameters in CXone Studio JSON). */
export type StudioValue = string | string[];

export interface StudioParam {
  /** Studio's name of the position (CXone Studio JSON names each one; Desktop XML does not). */
  name?: string;
  value: StudioValue;
}

/** `default` (DefaultNextAction), `branch` (a named branch), `case` (a value branch: MENU digits, CASE values). */
export type StudioBranchKind = 'default' | 'branch' | 'case';

export interface StudioBranch {
  kind: StudioBranchKind;
  /** The branch name (`branch`), the value (`case`), '' for the default. */
  label: string;
  /** The target action's id. */
  to: string;
  /** `Index` (XML) or `index` (JSON) as exported. */
  index?: number;
}

export interface StudioAction {
  /** Studio's action id (`ActionID`, `actionId`), as text. */
  id: string;
  /** The action keyword (`Action`, `name`): `MENU`, `REQAGENT`, `SNIPPET`. */
  type: string;
  /** Absent when the export has none (the action then gets Studio's default caption). */
  caption?: string;
  /** Positional parameters, in order. */
  params: StudioParam[];
  /** Outgoing connections, in export order. */
  branches: StudioBranch[];
  /** Canvas and library fields by canonical name (see ACTION_FIELDS). */
  fields: Map<string, string>;
  /** Where the action is in the export file. */
  span: Span;
}

export interface StudioScript {
  format: 'xml' | 'json';
  /** Script-level fields by canonical name (see SCRIPT_FIELDS), as written. */
  fields: Map<string, StudioValue>;
  actions: StudioAction[];
  span: Span;
}

/**
 * Canonical names of the per-action fields both formats carry, with where
 * each format keeps them. They are the keys of an action's entry in the
 * `.script` file's `studio { … }` block.
 */
export const ACTION_FIELDS = {
  X: { xml: 'X', json: 'x' },
  Y: { xml: 'Y', json: 'y' },
  LibraryID: { xml: 'LibraryID', json: 'libraryId' },
  DependencyOrder: { xml: 'DependencyOrder', json: 'dependencyOrder' },
  ImplType: { xml: 'Impl_Type', json: 'implType' },
  XWS: { xml: 'xws', json: 'xws' },
  YWS: { xml: 'yws', json: 'yws' },
  /** JSON only (`version: 1` in every observed export). */
  Version: { json: 'version' },
} as const satisfies Record<string, { xml?: string; json?: string }>;

export type ActionField = keyof typeof ACTION_FIELDS;

/**
 * The script-level fields, by canonical name, and which formats have a place
 * for each (a field is kept in the `studio { … }` block of an import; an
 * export to a format without a place for it reports it left out). Fields a
 * CXone Studio header has that are not listed keep their own names and go
 * back into JSON headers only.
 */
export const SCRIPT_FIELDS: Readonly<Record<string, { xml?: true; json?: true }>> = {
  Name: { xml: true },
  Path: { xml: true, json: true },
  MediaType: { xml: true, json: true },
  BusNo: { xml: true, json: true },
  LibraryID: { xml: true, json: true },
  UserID: { xml: true },
  SchemaLocation: { xml: true },
  Alias: { xml: true },
  URI: { xml: true },
  CreateDate: { xml: true },
  ModifyDate: { xml: true },
  ScriptModifyDate: { xml: true },
  ModifyUserID: { xml: true },
  LibraryParameters: { xml: true },
  MediaTypeName: { json: true },
  MasterID: { json: true },
  PurposeType: { json: true },
  VariableRedaction: { json: true },
  NextActionId: { json: true },
  Status: { json: true },
  LastSavedIn: { json: true },
  Timestamp: { json: true },
  LockedName: { json: true },
  LockedId: { json: true },
  LockedDate: { json: true },
};
