// XML text ↔ DDO for `DYNAMIC d = "<…>"`, REST responses parsed as XML and
// `asxml()`. Emulator decision (docs/snippet-language.md): the root element
// becomes the object's single member; attributes are members named by the
// attribute; repeated elements become arrays; text-only elements become text.
import type { X2jOptions, XMLBuilder, XMLParser, XmlBuilderOptions } from 'fast-xml-parser';
import { fastXmlParser } from '../deps.js';
import { toText } from './convert.js';
import { fromJson, MAX_NESTING, NestingError, setMember } from './json.js';
import { DateValue, isDdo, type DdoObject, type Value } from '../contract/value.js';

const PARSER_OPTIONS: X2jOptions = {
  ignoreAttributes: false,
  attributeNamePrefix: '',
  textNodeName: '#text',
  parseTagValue: false,
  parseAttributeValue: false,
  trimValues: true,
};
const BUILDER_OPTIONS: XmlBuilderOptions = { ignoreAttributes: true, format: false, suppressEmptyNode: false };

// Made on first use: fast-xml-parser is loaded only when a script touches XML.
let parser: XMLParser | undefined;
let builder: XMLBuilder | undefined;

export class XmlTextError extends Error {}

export function parseXmlObject(text: string): DdoObject {
  const { XMLParser, XMLValidator } = fastXmlParser();
  // Checked before the parser sees it: the parser recurses once per level.
  if (xmlDepth(text) > MAX_NESTING) throw new XmlTextError(`Invalid XML: elements are nested more than ${MAX_NESTING} levels deep (the limit is ${MAX_NESTING})`);
  const valid = XMLValidator.validate(text);
  if (valid !== true) throw new XmlTextError(`Invalid XML at line ${valid.err.line}: ${valid.err.msg}`);
  parser ??= new XMLParser(PARSER_OPTIONS);
  const raw = parser.parse(text) as Record<string, unknown>;
  delete raw['?xml'];
  try {
    return fromJson(raw) as DdoObject;
  } catch (e) {
    if (e instanceof NestingError) throw new XmlTextError(`Invalid XML: ${e.message}`);
    throw e;
  }
}

/** The deepest element nesting of XML text, by counting open and close tags (an upper bound: comments and CDATA are not skipped). */
export function xmlDepth(text: string): number {
  let depth = 0;
  let max = 0;
  let close = -1;
  for (let i = text.indexOf('<'); i >= 0; i = text.indexOf('<', i + 1)) {
    const next = text.charCodeAt(i + 1);
    if (next === 47 /* / */) depth--;
    else if (next !== 33 /* ! */ && next !== 63 /* ? */) {
      // The next `>` is searched again only once passed, so `<<<<…>` stays linear.
      if (close < i) close = text.indexOf('>', i);
      if (close < 0) break;
      if (text.charCodeAt(close - 1) !== 47 /* self-closing */ && ++depth > max) max = depth;
    }
  }
  return max;
}

/** An object with one member prints as that element; otherwise members go under `<root>`. */
export function toXml(v: Value): string {
  const plain = toPlain(v);
  builder ??= new (fastXmlParser().XMLBuilder)(BUILDER_OPTIONS);
  if (isDdo(v) && Object.keys(v).length === 1) return String(builder.build(plain));
  return String(builder.build({ root: plain }));
}

function toPlain(v: Value): unknown {
  if (v instanceof DateValue || typeof v === 'number' || typeof v === 'boolean') return toText(v);
  if (Array.isArray(v)) return v.map(toPlain);
  if (isDdo(v)) {
    const out: Record<string, unknown> = {};
    for (const k of Object.keys(v)) setMember(out, k, toPlain(v[k]!));
    return out;
  }
  return v ?? '';
}
