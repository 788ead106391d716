// REST API: one synchronous-looking HTTP call through the run's HTTP layer (a
// stub table in tests, the network only when the caller allows it). The JSON
// answer lands in ResultSet; the status in __httpstatuscode and
// __httpstatusdescription. Non-2xx, non-JSON, too-large and timed-out answers
// are error outcomes with the status set.
import { clampTimeout, describeRequest, redactHeaders, statusTextOf, utf8Length } from '../http/policy.js';
import { HttpError, type HttpRequest, type HttpResponse } from '../contract/http.js';
import { isDdo, type Value } from '../contract/value.js';
import { CrmState, redactSecrets } from '../tenant/crm/state.js';
import { describeShape, fromPlain, scalarText } from '../tenant/values.js';
import { defineAction, number, oneOf, text, value } from './define.js';
import { setMember } from '../snippet/json.js';
import { raiseLimitHint } from '../contract/limits.js';

/** Request bodies longer than this are shortened in effects (the request itself is sent whole). */
const EFFECT_BODY_CHARS = 2048;

export default defineAction({
  type: 'REST API',
  description: 'Sends Verb Url with Headers and Body and stores the JSON answer in ResultSet, the status in __httpstatuscode / __httpstatusdescription.',
  source: 'Studio help page https://help.nicecxone.com/Content/studio/actions/rest_api/rest_api.htm (documented; the limits were read on a translated page)',
  props: {
    Verb: oneOf(['GET', 'POST', 'PUT', 'PATCH', 'DELETE'], { default: 'GET', description: 'The HTTP method.' }),
    Url: text({ required: true, description: 'http:// or https:// URL.' }),
    Headers: value({ description: 'A DDO of header names to values, or the same as JSON text.' }),
    Body: text({ default: '', description: 'Request body (JSON on one line).' }),
    TimeoutSeconds: number({ default: 10, min: 0, max: 90, description: 'At most 90 seconds.' }),
  },
  outputs: { ResultSet: 'resultset' },
  branches: ['Default', 'OnError'],
  studio: { evidence: 'unknown', params: [], source: 'its property table was not published; JSON imports by name' },
  errorBranch: 'OnError',
  async execute(ctx, props) {
    const { Verb, Url, Body, TimeoutSeconds } = props;
    const status = (code: number, description: string): Record<string, Value> => ({ __httpstatuscode: code, __httpstatusdescription: description });
    const fail = (message: string, vars: Record<string, Value>, resultSet?: Value): ReturnType<typeof ctx.error> => ({
      ...ctx.error(message, resultSet === undefined ? undefined : { outputs: { ResultSet: resultSet } }),
      vars,
    });
    const headers = parseHeaders(props.Headers);
    if (typeof headers === 'string') return fail(`REST API: ${headers}`, status(0, 'Invalid request'));
    if (!/^https?:\/\/[^\s/]+/i.test(Url.trim())) return fail(`REST API: "${Url}" is not an http:// or https:// URL`, status(0, 'Invalid request'));
    const body = Body === '' ? undefined : Body;
    if (body !== undefined && !Object.keys(headers).some((h) => h.toLowerCase() === 'content-type')) headers['Content-Type'] = 'application/json';
    const req: HttpRequest = { method: Verb, url: Url.trim(), headers, timeoutSeconds: clampTimeout(TimeoutSeconds), ...(body !== undefined ? { body } : {}) };
    const secrets = new CrmState(ctx.tenant).secrets();
    const record = (extra: Record<string, unknown>) =>
      ctx.effect(
        'http',
        fromPlain(
          redactSecrets(
            {
              method: req.method,
              url: describeRequest(req).slice(req.method.length + 1),
              headers: redactHeaders(req.headers),
              ...(body !== undefined ? { body: body.length > EFFECT_BODY_CHARS ? `${body.slice(0, EFFECT_BODY_CHARS)}…` : body } : {}),
              ...extra,
            },
            secrets,
          ),
        ),
      );

    let res: HttpResponse;
    try {
      res = await ctx.http.request(req);
    } catch (err) {
      if (!(err instanceof HttpError)) throw err;
      if (err.detail.elapsedSeconds) ctx.elapse(err.detail.elapsedSeconds);
      const message = redactSecrets(err.message, secrets);
      record({ error: message, ...(err.detail.status !== undefined ? { status: err.detail.status } : {}) });
      switch (err.kind) {
        case 'timeout':
          return fail(message, status(408, 'Request Timeout'));
        case 'too-large':
          return fail(`${message} (${raiseLimitHint('maxResponseBytes')})`, status(err.detail.status ?? 0, `Response too large (limit ${ctx.limits.maxResponseBytes} bytes)`));
        case 'connection':
          return fail(message, status(0, 'Connection failed'));
        default:
          return fail(message, status(0, 'Network access not allowed'));
      }
    }
    if (res.elapsedSeconds > 0) ctx.elapse(res.elapsedSeconds);
    const description = res.statusText || statusTextOf(res.status);
    record({ status: res.status, seconds: res.elapsedSeconds });
    const vars = status(res.status, description);
    const size = utf8Length(res.body);
    if (size > ctx.limits.maxResponseBytes)
      return fail(
        `REST API ${describeRequest(req)}: response of ${size} bytes exceeds the ${ctx.limits.maxResponseBytes}-byte limit (${raiseLimitHint('maxResponseBytes')})`,
        status(res.status, `Response too large (limit ${ctx.limits.maxResponseBytes} bytes)`),
      );
    // A credential echoed back by a server must not surface through variables either.
    const parsed = redactParsed(parseJson(res.body), secrets);
    const ok = res.status >= 200 && res.status < 300;
    if (!ok)
      return fail(redactSecrets(`REST API ${describeRequest(req)} answered ${res.status} ${description}`.trim(), secrets), vars, parsed.ok ? parsed.value : undefined);
    if (!parsed.ok) return fail(`REST API ${describeRequest(req)}: the response is not JSON (${parsed.reason})`, vars);
    return { ...ctx.branch('Default', { ResultSet: parsed.value }), vars };
  },
});

/** Headers from a DDO or JSON text; a message when they are neither. */
function parseHeaders(v: Value | undefined): Record<string, string> | string {
  if (v === undefined || v === null || v === '') return {};
  let obj: unknown = v;
  if (typeof v === 'string') {
    try {
      obj = JSON.parse(v);
    } catch {
      return `Headers must be a DDO or JSON text of header names to values (got ${describeShape(v)})`;
    }
  }
  if (obj === null || typeof obj !== 'object' || Array.isArray(obj)) return `Headers must be a DDO or JSON object (got ${describeShape(v)})`;
  const out: Record<string, string> = {};
  for (const [k, x] of Object.entries(obj as Record<string, Value>)) {
    const t = isDdo(x) || Array.isArray(x) ? JSON.stringify(x) : scalarText(x);
    setMember(out, k, t ?? '');
  }
  return out;
}

function redactParsed<T extends { ok: boolean; value?: Value }>(p: T, secrets: readonly string[]): T {
  return p.ok && secrets.length ? { ...p, value: redactSecrets(p.value, secrets) } : p;
}

/** An empty body is an empty DDO (204 No Content and friends). */
function parseJson(body: string): { ok: true; value: Value } | { ok: false; reason: string } {
  if (body.trim() === '') return { ok: true, value: {} };
  try {
    return { ok: true, value: fromPlain(JSON.parse(body)) };
  } catch {
    const start = body.trim().slice(0, 40);
    return { ok: false, reason: `it starts with ${JSON.stringify(start)}` };
  }
}
