// The action graph: what a `.script` file loads into. Plain JSON-serialisable
// data (no classes, no functions) so it can be printed with `graph --format json`,
// cached and compared. Compiled snippets live beside it, never inside it.
import type { Span } from './diagnostics.js';

export const MEDIA_TYPES = ['Generic', 'Phone', 'Chat', 'Email', 'Voicemail', 'WorkItem', 'SMS', 'Digital'] as const;
export type MediaType = (typeof MEDIA_TYPES)[number];

/** Media whose entry runs are calls (a contact with a caller, events, a transcript). */
export function isCallMedia(media: MediaType): boolean {
  return media === 'Phone' || media === 'Voicemail';
}

/** A property value as written in the file (evaluation happens at run time). */
export type PropValue =
  | { kind: 'string'; value: string; span: Span }
  | { kind: 'number'; value: number; raw: string; span: Span }
  | { kind: 'boolean'; value: boolean; span: Span }
  /** A variable path such as `results.FailedRecords[1].Id`, kept as written. */
  | { kind: 'path'; path: string; span: Span }
  | { kind: 'list'; items: PropValue[]; span: Span };

export interface BranchEdge {
  /** Canonical branch name (`Default`, `OnError`, `True`…), or the CASE/MENU value when `isValue`. */
  name: string;
  target: string;
  /** True for CASE/MENU value branches written as a string or number. */
  isValue?: boolean;
  span: Span;
}

export interface ActionNode {
  label: string;
  /** Canonical action type (aliases resolved), e.g. `CREATEPROSPECTS`, `WORKFLOW EXECUTE`. */
  type: string;
  version?: number;
  caption: string;
  /** Properties by canonical name. */
  props: Record<string, PropValue>;
  /** Branches in source order. */
  branches: BranchEdge[];
  /**
   * An action type the emulator does not run (or does not know): kept as
   * written, with every property and branch; a run needs a stub for it.
   */
  opaque?: true;
  /** SNIPPET code, with the span where the code starts in the file. */
  snippet?: { code: string; span: Span };
  span: Span;
}

/** A field of the `studio { … }` block, as written. */
export interface StudioField {
  name: string;
  value: PropValue;
}

/** What Studio keeps and the script's text does not say (import and export read it; running ignores it). */
export interface StudioMeta {
  /** Script-level fields (BusNo, LibraryID, Path…). */
  fields: StudioField[];
  /** Per action, by label: canvas position, library id… */
  actions: { label: string; fields: StudioField[]; span: Span }[];
  span: Span;
}

export interface ScriptGraph {
  name: string;
  mediaType: MediaType;
  file: string;
  /** Label of the BEGIN action ('' when missing; loading reports it). */
  begin: string;
  /** Actions in source order (labels may be numeric, so an array keeps order). */
  actions: ActionNode[];
  /** The file's `studio { … }` block, when it has one. */
  studio?: StudioMeta;
}
