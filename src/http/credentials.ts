// The maintained list of what a credential looks like in text: which names
// (query and fragment parameters, headers, object members) carry one, and
// which URL and header forms embed one. Every output masks these forms
// (traces, effects, messages, request logs), whatever the run declared
// secret. To mask one more kind of credential, add its name here.

/**
 * Names whose value is a credential, compared without case, `-` or `_`
 * (`client_secret`, `Client-Secret` and `clientsecret` are one name). A name
 * that ends with one of the words (`x-amz-signature`, `access_token`,
 * `refresh-token`, `my_api_key`) is one too.
 */
export const CREDENTIAL_WORDS = [
  'password',
  'passwd',
  'pwd',
  'pass',
  'secret',
  'token',
  'apikey',
  'key',
  'sig',
  'signature',
  'credential',
  'credentials',
  'auth',
  'authorization',
  'cookie',
  'session',
  'sessionid',
  'sid',
] as const;

/** Headers whose whole value is a credential (besides every name of CREDENTIAL_WORDS). */
const CREDENTIAL_HEADERS = new Set(['proxyauthorization', 'setcookie', 'xapikey', 'xauthtoken', 'apikey', 'ocpapimsubscriptionkey']);

/** Common names that end with a credential word but hold none. */
const NOT_CREDENTIALS = new Set(['primarykey', 'foreignkey', 'sortkey', 'partitionkey', 'idempotencykey', 'cachekey', 'hotkey', 'monkey', 'turkey', 'hockey', 'jockey', 'compass', 'bypass', 'inside', 'outside', 'consider']);

const normalise = (name: string): string => name.toLowerCase().replace(/[-_\s]/g, '');

/** True when a parameter, header or member called `name` holds a credential. */
export function isCredentialName(name: string): boolean {
  const n = normalise(name);
  if (n === '' || NOT_CREDENTIALS.has(n)) return false;
  if (CREDENTIAL_HEADERS.has(n)) return true;
  for (const word of CREDENTIAL_WORDS) if (n.endsWith(word)) return true;
  return false;
}

/**
 * Object members (JSON bodies, headers objects, dynamic data) whose value is
 * masked in shown data. Narrower than parameter names: a member called
 * `key`, `secret` or `session` in a script's own data is usually not one.
 */
const CREDENTIAL_MEMBERS = new Set([
  'authorization',
  'proxyauthorization',
  'cookie',
  'setcookie',
  'xapikey',
  'apikey',
  'xauthtoken',
  'password',
  'passwd',
  'clientsecret',
  'token',
  'accesstoken',
  'refreshtoken',
  'idtoken',
  'sessiontoken',
  'bearertoken',
  'authtoken',
  'secretkey',
  'privatekey',
  'secretaccesskey',
  'awssecretaccesskey',
]);

/** True when an object member called `name` holds a credential. */
export function isCredentialMember(name: string): boolean {
  return CREDENTIAL_MEMBERS.has(normalise(name));
}

export const MASK = '***';

// `//userinfo@host`: the userinfo runs to the last `@` before the path, so a password holding `@` is masked whole.
const USERINFO = /\/\/([^/?#\s"'<>]*)@/g;
// `?name=value`, `&name=value`, `#name=value`, `;name=value` (query, fragment, matrix parameters).
const PARAMETER = /([?&#;])([A-Za-z0-9._~%-]{1,64})=([^&#;\s"'<>]*)/g;
// `Bearer <token>` anywhere; `Authorization: <scheme> <value>` in header-like text.
const BEARER = /\b(Bearer)\s+[A-Za-z0-9\-._~+/]+=*/gi;
const AUTH_HEADER = /\b((?:proxy-)?authorization|x-api-key|api-key|x-auth-token|cookie)(["']?\s*[:=]\s*["']?)([^"'\r\n,}]+)/gi;
// Cheap test first: most text holds none of these forms.
const MAYBE = /[@=]|bearer|authori[sz]ation|api-key|auth-token|cookie/i;
/** The shortest word MAYBE looks for (`bearer`, `cookie`): shorter text can only match it by `@` or `=`. */
export const SHORTEST_CREDENTIAL_WORD = 6;

/** Text up to this length is scanned before MAYBE is tried. */
const SCANNED = 256;

/** False when `text` holds no credential form for certain (maskCredentials gives it back as it is); true when it may. */
export function mayHoldCredential(text: string): boolean {
  const n = text.length;
  if (n > SCANNED) return MAYBE.test(text);
  for (let i = 0; i < n; i++) {
    const c = text.charCodeAt(i);
    if (c === 0x40 || c === 0x3d) return true;
  }
  // Without `@` or `=`, a form needs one of MAYBE's words: not in text too short for one, nor in text without an ASCII letter (a number, a time, a phone number).
  return n >= SHORTEST_CREDENTIAL_WORD && hasAsciiLetter(text) && MAYBE.test(text);
}

/** True when `text` holds an ASCII letter (looked at up to the first one). */
export function hasAsciiLetter(text: string): boolean {
  for (let i = 0; i < text.length; i++) {
    const lower = text.charCodeAt(i) | 0x20;
    if (lower >= 0x61 && lower <= 0x7a) return true;
  }
  return false;
}

/** `text` with every credential form masked: URL passwords and tokens, credential parameters, bearer tokens and credential headers. */
export function maskCredentials(text: string): string {
  if (!mayHoldCredential(text)) return text;
  return text
    .replace(USERINFO, (_, info: string) => {
      const colon = info.indexOf(':');
      // `user:password@` keeps the user; a bare `token@` is all credential.
      return colon > 0 ? `//${info.slice(0, colon)}:${MASK}@` : `//${MASK}@`;
    })
    .replace(PARAMETER, (whole, sep: string, name: string, value: string) => (value !== '' && isCredentialName(safeDecode(name)) ? `${sep}${name}=${MASK}` : whole))
    .replace(BEARER, `$1 ${MASK}`)
    .replace(AUTH_HEADER, (whole, name: string, sep: string, value: string) => (value.trim() === '' || value.trim() === MASK ? whole : `${name}${sep}${maskScheme(value)}`));
}

/** `Basic abc` -> `Basic ***`; a bare value -> `***`. */
function maskScheme(value: string): string {
  const m = /^(Basic|Bearer|Digest|Token|ApiKey)\s/i.exec(value);
  return m ? `${m[1]} ${MASK}` : MASK;
}

function safeDecode(s: string): string {
  try {
    return decodeURIComponent(s);
  } catch {
    return s;
  }
}
