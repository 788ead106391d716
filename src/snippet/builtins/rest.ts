// The REST proxy (`GetRESTProxy()`): an object holding ContentType,
// ProxyTimeoutSeconds, StatusCode, StatusDescription and headers, whose
// MakeRestRequest goes through the run's HTTP client (stubbed in tests; no
// network unless the caller provides it).
import { HttpError } from '../../contract/http.js';
import { toNumber, toText } from '../convert.js';
import { JsonTextError, parseJsonObject } from '../json.js';
import { isDdo, type DdoObject, type Value } from '../../contract/value.js';
import { XmlTextError, parseXmlObject } from '../xml.js';
import { fn, type Builtin } from './types.js';
import { argError, text } from './util.js';
import { base64ToUtf8, urlDecode, utf8ToBase64 } from './text.js';
import { maskUrl } from '../../http/policy.js';
import { raiseLimitHint } from '../../contract/limits.js';

/** Marks an object as a REST proxy (kept as a member so the proxy survives snapshots). */
export const PROXY_MARK = '$restproxy';
const DEFAULT_TIMEOUT = 10;
const MAX_TIMEOUT = 90;

export function newProxy(): DdoObject {
  return {
    [PROXY_MARK]: true,
    ContentType: 'application/x-www-form-urlencoded',
    ProxyTimeoutSeconds: DEFAULT_TIMEOUT,
    StatusCode: 0,
    StatusDescription: '',
    Headers: {},
  };
}

function proxyOf(name: string, v: Value | undefined): DdoObject {
  if (!isDdo(v) || v[PROXY_MARK] !== true) throw argError(name, 'call it on a proxy from GetRESTProxy()');
  return v;
}

/** Parser argument: 0/json, 1/xml, 2 (json, body ignored), 3 (xml, body ignored). */
function parserOf(v: Value | undefined): { xml: boolean; ignoreBody: boolean } {
  const t = text(v).trim().toLowerCase();
  if (t === '' || t === '0' || t === 'json') return { xml: false, ignoreBody: false };
  if (t === '1' || t === 'xml') return { xml: true, ignoreBody: false };
  if (t === '2') return { xml: false, ignoreBody: true };
  if (t === '3') return { xml: true, ignoreBody: true };
  throw argError('MakeRestRequest', `unknown parser "${text(v)}" (0 or "json", 1 or "xml", 2, 3)`);
}

function makeRestRequest(args: Value[], site: Parameters<Builtin['call']>[1]): Value {
  const proxy = { ...proxyOf('MakeRestRequest', args[0]) };
  const url = text(args[1]);
  const payload = text(args[2]);
  const parser = parserOf(args[3]);
  const method = (text(args[4]).trim() || 'GET').toUpperCase();
  if (!/^https?:\/\//i.test(url)) throw argError('MakeRestRequest', `"${maskUrl(url)}" is not an http(s) URL`);
  const headers: Record<string, string> = {};
  if (isDdo(proxy.Headers)) for (const [k, v] of Object.entries(proxy.Headers)) headers[k] = toText(v);
  if (payload !== '') headers['Content-Type'] = text(proxy.ContentType) || 'application/x-www-form-urlencoded';
  const timeout = Math.min(MAX_TIMEOUT, Math.max(1, toNumber(proxy.ProxyTimeoutSeconds) || DEFAULT_TIMEOUT));
  const run = site.run;
  let result: Value = {};
  try {
    const res = run.env.http.requestSync({ method, url, headers, ...(payload !== '' ? { body: payload } : {}), timeoutSeconds: timeout });
    run.addHttp(method, maskUrl(url), res.status);
    proxy.StatusCode = res.status;
    proxy.StatusDescription = res.statusText;
    if (res.body.length > run.env.limits.maxResponseBytes) {
      proxy.StatusCode = -1;
      proxy.StatusDescription = `Response of ${res.body.length} bytes exceeds the ${run.env.limits.maxResponseBytes}-byte limit (${raiseLimitHint('maxResponseBytes')})`;
    } else if (!parser.ignoreBody && res.body.trim() !== '') {
      try {
        result = parser.xml ? parseXmlObject(res.body) : parseJsonObject(res.body);
      } catch (e) {
        if (!(e instanceof JsonTextError || e instanceof XmlTextError)) throw e;
        proxy.StatusDescription = `${res.statusText} (response not parsed: ${e.message})`.trim();
      }
    }
  } catch (e) {
    if (!(e instanceof HttpError)) throw e;
    // Studio reports internal proxy failures as status -1.
    run.addHttp(method, maskUrl(url), -1);
    proxy.StatusCode = -1;
    proxy.StatusDescription = e.message;
  }
  site.setReceiver(proxy);
  return result;
}

/** Proxy helpers take the text as their last argument (`proxy.EncodeBase64(s)`). */
const lastText = (args: Value[]): string => text(args[args.length - 1]);

export const restFunctions: Builtin[] = [
  fn('GetRESTProxy', 0, 0, () => newProxy()),
  fn('MakeRestRequest', 2, 5, makeRestRequest),
  fn('AddHeader', 3, 3, ([p, name, value], site) => {
    const proxy = proxyOf('AddHeader', p);
    const key = text(name).trim();
    if (key === '') throw argError('AddHeader', 'the header name must not be empty');
    const headers = { ...(isDdo(proxy.Headers) ? proxy.Headers : {}), [key]: text(value) };
    site.setReceiver({ ...proxy, Headers: headers });
    return null;
  }),
  fn('ClearHeaders', 1, 1, ([p], site) => {
    site.setReceiver({ ...proxyOf('ClearHeaders', p), Headers: {} });
    return null;
  }),
  fn('EncodeBase64', 1, 2, (args) => utf8ToBase64(lastText(args))),
  fn('DecodeBase64', 1, 2, (args) => base64ToUtf8('DecodeBase64', lastText(args))),
  fn('UrlEncodeText', 1, 2, (args) => encodeURIComponent(lastText(args))),
  fn('UrlDecodeText', 1, 2, (args) => urlDecode(lastText(args))),
];
