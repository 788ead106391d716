// The shape of a `*.test.yaml` file after loading: folders resolved to absolute
// paths, stubs compiled against the action registry, every value located so
// later checks (unknown labels, failed expectations) can point into the file.
import type { Span } from '../contract/diagnostics.js';
import type { RunStatus } from '../runtime/result.js';
import type { Value } from '../contract/value.js';
import type { Limits } from '../contract/limits.js';
import type { DigitalStatus } from '../contract/contact.js';
import type { ScriptedReply } from '../tenant/digital/inbox.js';
import type { CallerScript, StepSpan } from '../phone/caller-script.js';

/** The span of a caller step in the test file (the item's first line when the text spans several). */
export function callerStepSpan(at: readonly CallerLocation[] | undefined, step: StepSpan, fallback: Span): Span {
  const where = at?.[step.item];
  if (!where) return fallback;
  if (where.multiline) return where.span;
  return { ...where.span, col: where.span.col + step.offset, offset: (where.span.offset ?? 0) + step.offset, length: Math.max(1, step.length) };
}

/** A stub for an action call: matched by type + property values or by `Script.label`. */
export interface ActionStub {
  kind: 'action';
  /** Index in its list (file-level stubs come after the case's own). */
  id: string;
  /** Canonical action type when matched by type. */
  actionType?: string;
  /** The type is one the emulator does not run (opaque): checked against the scripts' actions of that type once they are loaded. */
  opaque?: true;
  version?: number;
  /** `Script.label` when matched by label. */
  label?: string;
  /** Property name (canonical) -> expected evaluated value. */
  props: Record<string, unknown>;
  answer: { kind: 'return'; branch?: string; outputs: Record<string, Value>; vars: Record<string, Value> } | { kind: 'error'; message: string };
  /** Answer only the first `times` matching calls. */
  times?: number;
  /** Answer only the n-th matching call (1-based). */
  call?: number;
  /** Virtual seconds the call takes. */
  delaySeconds: number;
  span: Span;
  /** Where the label was written (checked once the scripts are loaded). */
  labelSpan?: Span;
  /** Where an opaque type was written (checked once the scripts are loaded). */
  typeSpan?: Span;
  branchSpan?: Span;
  outputSpans?: Record<string, Span>;
}

/** A stub for an HTTP request made by REST API or the snippet REST proxy. */
export interface HttpStubSpec {
  kind: 'http';
  id: string;
  method: string;
  url: string;
  status: number;
  headers: Record<string, string>;
  body: unknown;
  delaySeconds: number;
  times?: number;
  /** Answer only the n-th matching request (1-based). */
  call?: number;
  /** Fail the request as a connection failure with this message instead of answering. */
  error?: string;
  span: Span;
}

export type StubSpec = ActionStub | HttpStubSpec;

/** One effect expectation: a count, records that must be present, or the exact list. */
export interface EffectExpectation {
  count?: number;
  contains?: unknown[];
  exactly?: unknown[];
}

export interface Expectations {
  status?: RunStatus;
  visits?: string[];
  neverVisits?: string[];
  /** `Script.label` -> branches that must have been taken (at least once each). */
  branches?: Record<string, string[]>;
  variables?: Record<string, unknown>;
  globals?: Record<string, unknown>;
  effects?: Record<string, EffectExpectation>;
  /** TRACE lines, in order (a `/regex/` string matches by pattern). */
  trace?: string[];
  /** Prompts and music the caller heard, in order (a `/regex/` string matches by pattern). */
  heard?: string[];
  /** Text the run's last error must contain ('' = no error). */
  lastError?: string;
  warnings?: string[];
  /** Customer (as written) -> the status their last digital contact ends with, or a list: each of their contacts' in the order opened. */
  digitalContacts?: Record<string, DigitalStatus | DigitalStatus[]>;
}

export interface TestCase {
  name: string;
  /** Index in the file's `cases`. */
  index: number;
  script: string;
  vars: Record<string, Value>;
  now?: string;
  until?: string;
  seed?: number;
  /** Run limits set for this case (command line, case, file, configuration, in that order); the rest are the defaults. */
  limits?: Partial<Limits>;
  contact?: Record<string, unknown>;
  /** What customers answer on digital channels. */
  replies?: ScriptedReply[];
  /** Phone scripts: the scripted caller, parsed. */
  caller?: CallerScript;
  /** Where each `caller` text starts in the test file (one per list item), for locating step problems. */
  callerAt?: CallerLocation[];
  /** The point of contact the contact arrives at (`poc:`): the case's script must be the POC's. */
  poc?: string;
  /** Other calls on the case's tenant and clock (`calls:`), each its own run with its own expectations. */
  calls?: CaseCall[];
  stubs: StubSpec[];
  expect: Expectations;
  skip: boolean;
  only: boolean;
  /** With `--update`, the outcome of this case is written back as its `expect`. */
  record: boolean;
  /** Leave this case out of `--force-errors`. */
  forceErrors: boolean;
  span: Span;
  /** Spans of expectation entries by key (`visits.2`, `branches.Main.x`). */
  spans: Record<string, Span>;
}

/** What a run of a case is checked by: its script, caller and expectations, located. */
export type RunPart = Pick<TestCase, 'script' | 'caller' | 'callerAt' | 'expect' | 'span' | 'spans'>;

/** One more call of a case (`calls:`): a contact of its own that comes in `at` after the case's start. */
export interface CaseCall extends RunPart {
  /** `calls[1]`, or `calls[1] (name)` with a name: how failures name it. */
  name: string;
  /** A duration after the case's start (`30s`) or an ISO time; default: with the case's own call. */
  at?: string;
  poc?: string;
  vars: Record<string, Value>;
  contact?: Record<string, unknown>;
}

/** Where a caller text sits: its first character, and whether it spans several lines. */
export interface CallerLocation {
  span: Span;
  multiline: boolean;
}

export interface TestFile {
  file: string;
  /** Absolute folder of the scripts. */
  scripts: string;
  /** Absolute tenant file, when one is given or found. */
  tenant?: string;
  cases: TestCase[];
  /** File-level stubs, shared by every case. */
  stubs: StubSpec[];
  /** Variables whose values every output of these cases shows as `***` (like `run --redact`). */
  redact?: string[];
}

