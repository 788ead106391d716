// What is known about Studio actions independently of whether the emulator
// runs them: library ids, media type numbers, and the parameter vectors of
// Studio actions that have no definition here yet (so an opaque MUSIC still
// imports with named properties). Every entry was observed in a public export
// or request body (docs/import.md lists the sources). An action's own
// definition (`studio` of defineAction) always wins over an entry here: when
// an action gets implemented, its vector moves into its definition and the
// entry here is deleted.
import type { MediaType } from '../contract/script-graph.js';

/** Studio's library GUID of each action type (the same on every tenant). */
export const LIBRARY_IDS: Readonly<Record<string, string>> = {
  BEGIN: 'b2f794c5-0232-40e7-9830-76d573bf57d7',
  MENU: 'daee9c00-12ce-4222-a42e-307c37d53b7f',
  PLAY: 'b1b9a2dd-65b6-4626-9cf5-9cfa69cf59e2',
  REQAGENT: '689a4a1b-fa0d-47b3-9a02-cbeb4735f08f',
  MUSIC: 'dbcc742b-28d8-42d1-9d95-0d9abf20b04b',
  HANGUP: 'b64a6796-4f66-4b1b-a9b5-3af926ab4b7c',
  ASSIGN: '9015c095-98d9-441f-bf92-e90f5c5ed8c8',
  WAIT: '5bf67b1c-9736-434d-9b6f-0d856aea8f16',
  END: '93fb8888-30cf-4df3-8ed9-1f2986819080',
  SNIPPET: 'b333da63-33c8-4297-a58a-e9546cf7f0f2',
  TTSVOICE: '8e121149-83ef-40e0-8ffe-341db5302671',
  IF: '6695ba9c-e1d6-4f3c-a15a-94f1400e3169',
  CASE: '22050500-6dc0-4949-af9c-1e52975f141d',
  LOOP: 'a10f9f27-a5dd-48ba-ae37-e206fc6e101b',
  LOCATE: 'fa14bd7c-cc7f-43e3-a9b2-e56f78d5bdd8',
  RUNSCRIPT: '93232e99-d607-4e7d-9300-17986d70da3c',
  RUNSUB: 'f8b958d0-8cd3-40df-97d3-5862930b0807',
  PERMITCALL: 'e0e40c78-ff4b-4554-b403-34998a7039cf',
  SUPPRESSCALL: '51700e9f-8e82-4c38-a670-9b0f89d4e960',
  CHECKCALLSUP: 'ca92d2f0-b9cd-4846-a958-cfdbf089c267',
};

/**
 * Studio's media type numbers. Generic's number is not documented anywhere
 * found (2, 0 and 8 are unaccounted for): **emulator decision**, Generic is
 * written as 0 and 0 reads as Generic.
 */
export const MEDIA_TYPE_NUMBERS: Readonly<Record<MediaType, number>> = {
  Generic: 0,
  Email: 1,
  Chat: 3,
  Phone: 4,
  Voicemail: 5,
  WorkItem: 6,
  SMS: 7,
  Digital: 9,
};

/** The number whose media type is a guess (exports say so). */
export const GUESSED_MEDIA_NUMBER = MEDIA_TYPE_NUMBERS.Generic;

/** CXone Studio JSON's `mediaTypeName` where one was observed. */
export const MEDIA_TYPE_NAMES: Readonly<Partial<Record<MediaType, string>>> = { Phone: 'call' };

export function mediaTypeOfNumber(n: number): MediaType | undefined {
  return (Object.keys(MEDIA_TYPE_NUMBERS) as MediaType[]).find((m) => MEDIA_TYPE_NUMBERS[m] === n);
}

/** A Studio action known by its vector but not run by the emulator. */
export interface CatalogAction {
  /** Studio's parameter names, in order. */
  params: readonly string[];
  /** Named branches in Studio's order (a branch's `Index`). */
  branches?: readonly string[];
}

/**
 * Parameter vectors observed in CXone Studio JSON request bodies and Desktop
 * exports for actions the emulator does not implement yet.
 */
export const CATALOG: Readonly<Record<string, CatalogAction>> = {
  CHECKCALLSUP: { params: ['DataValue'], branches: ['Found', 'NotFound', 'Error'] },
  SUPPRESSCALL: { params: ['Disposition'] },
  LOCATE: { params: ['String', 'StringToFind', 'Variable', 'CaseSensitive'], branches: ['Found'] },
  PERMITCALL: { params: [] },
};
