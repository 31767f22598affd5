/** A focused XML reader (element tree with namespaces and xsi:type) and writer for vim25 SOAP. */
import { VSphereError } from './errors.js';

/** Namespace of SOAP 1.1 envelopes. */
export const SOAP_ENV_NS = 'http://schemas.xmlsoap.org/soap/envelope/';
/** Namespace of xsi:type and friends. */
export const XSI_NS = 'http://www.w3.org/2001/XMLSchema-instance';
/** The vSphere API namespace. */
export const VIM25_NS = 'urn:vim25';

/** A parsed element: local name, resolved namespace, plain attributes, xsi:type and children. */
export interface XmlElement {
  /** Local name, without prefix. */
  name: string;
  /** Namespace URI the element's prefix (or default namespace) resolves to; '' when none. */
  ns: string;
  /** Attributes without a prefix (e.g. `type` on a managed object reference). */
  attrs: Record<string, string>;
  /** Local part of the `xsi:type` attribute (whatever prefix the server bound to XSI). */
  xsiType?: string;
  children: XmlElement[];
  /** Character data directly inside this element, entities decoded. */
  text: string;
}

/** A node to serialise into a request; `text` is escaped, attribute values too. */
export interface XmlNode {
  name: string;
  attrs?: Record<string, string>;
  children?: XmlNode[];
  text?: string;
}

const NAMED_ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };
const ESCAPES: Record<string, string> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&apos;',
};
const ATTR_RE = /([^\s=/>]+)\s*=\s*(?:"([^"]*)"|'([^']*)')/g;
const PREDEFINED_NS = new Map([['xml', 'http://www.w3.org/XML/1998/namespace']]);

function malformed(detail: string, offset: number): VSphereError {
  return new VSphereError(
    'vsphere.fault',
    `unreadable response from server: malformed xml at offset ${offset}: ${detail}`,
  );
}

/** Decodes the five predefined entities and numeric character references; rejects anything else. */
export function decodeEntities(raw: string, offset = 0): string {
  let at = raw.indexOf('&');
  if (at === -1) return raw;
  let out = '';
  let from = 0;
  while (at !== -1) {
    const semi = raw.indexOf(';', at);
    if (semi === -1 || semi - at > 12) throw malformed('bare "&" in text', offset + at);
    const ref = raw.slice(at + 1, semi);
    let decoded: string | undefined;
    if (ref.startsWith('#')) {
      const code = /^#x[0-9a-f]+$/i.test(ref)
        ? Number.parseInt(ref.slice(2), 16)
        : /^#[0-9]+$/.test(ref)
          ? Number.parseInt(ref.slice(1), 10)
          : Number.NaN;
      const valid = code > 0 && code <= 0x10ffff && !(code >= 0xd800 && code <= 0xdfff);
      if (valid) decoded = String.fromCodePoint(code);
    } else {
      decoded = NAMED_ENTITIES[ref];
    }
    if (decoded === undefined) throw malformed(`unknown entity "&${ref};"`, offset + at);
    out += raw.slice(from, at) + decoded;
    from = semi + 1;
    at = raw.indexOf('&', from);
  }
  return out + raw.slice(from);
}

/** Escapes text or an attribute value for inclusion in XML. */
export function escapeXml(value: string): string {
  return value.replace(/[&<>"']/g, (c) => ESCAPES[c] ?? c);
}

function splitQName(qname: string): [prefix: string, local: string] {
  const colon = qname.indexOf(':');
  return colon === -1 ? ['', qname] : [qname.slice(0, colon), qname.slice(colon + 1)];
}

/** Finds the '>' closing the tag that starts at `lt`, skipping quoted attribute values. */
function tagEnd(xml: string, lt: number): number {
  let quote = '';
  for (let i = lt + 1; i < xml.length; i++) {
    const c = xml[i];
    if (quote) {
      if (c === quote) quote = '';
    } else if (c === '"' || c === "'") {
      quote = c;
    } else if (c === '>') {
      return i;
    }
  }
  throw malformed('unterminated tag', lt);
}

interface Frame {
  el: XmlElement;
  qname: string;
  scope: Map<string, string>;
}

/** Parses a whole document into its root element. DTDs are refused (SOAP forbids them). */
export function parseXml(xml: string): XmlElement {
  const stack: Frame[] = [];
  let root: XmlElement | undefined;
  let i = 0;
  const addText = (text: string, at: number): void => {
    const top = stack.at(-1);
    if (top) top.el.text += text;
    else if (text.trim() !== '') throw malformed('text outside the root element', at);
  };
  while (i < xml.length) {
    const lt = xml.indexOf('<', i);
    if (lt === -1) {
      addText(decodeEntities(xml.slice(i), i), i);
      break;
    }
    if (lt > i) addText(decodeEntities(xml.slice(i, lt), i), i);
    if (xml.startsWith('<?', lt)) {
      i = skipPast(xml, '?>', lt);
    } else if (xml.startsWith('<!--', lt)) {
      i = skipPast(xml, '-->', lt);
    } else if (xml.startsWith('<![CDATA[', lt)) {
      const end = skipPast(xml, ']]>', lt);
      addText(xml.slice(lt + 9, end - 3), lt);
      i = end;
    } else if (xml.startsWith('<!', lt)) {
      throw malformed('document type declarations are not supported', lt);
    } else if (xml.startsWith('</', lt)) {
      const end = tagEnd(xml, lt);
      const qname = xml.slice(lt + 2, end).trim();
      const frame = stack.pop();
      if (!frame || frame.qname !== qname) throw malformed(`unexpected closing tag </${qname}>`, lt);
      i = end + 1;
    } else {
      const end = tagEnd(xml, lt);
      const selfClosing = xml[end - 1] === '/';
      const frame = openElement(xml.slice(lt + 1, selfClosing ? end - 1 : end), stack.at(-1)?.scope, lt);
      const parent = stack.at(-1);
      if (parent) parent.el.children.push(frame.el);
      else if (root) throw malformed('more than one root element', lt);
      else root = frame.el;
      if (!selfClosing) stack.push(frame);
      i = end + 1;
    }
  }
  const open = stack.at(-1);
  if (open) throw malformed(`unclosed element <${open.qname}>`, xml.length);
  if (!root) throw malformed('no root element', 0);
  return root;
}

function skipPast(xml: string, terminator: string, from: number): number {
  const at = xml.indexOf(terminator, from);
  if (at === -1) throw malformed(`missing "${terminator}"`, from);
  return at + terminator.length;
}

function openElement(inner: string, parentScope: Map<string, string> | undefined, offset: number): Frame {
  const nameMatch = /^[^\s/>]+/.exec(inner);
  if (!nameMatch) throw malformed('element without a name', offset);
  const qname = nameMatch[0];
  const raw: [string, string][] = [];
  let scope = parentScope ?? PREDEFINED_NS;
  for (const m of inner.slice(qname.length).matchAll(ATTR_RE)) {
    const attrName = m[1] ?? '';
    const value = decodeEntities(m[2] ?? m[3] ?? '', offset);
    if (attrName === 'xmlns' || attrName.startsWith('xmlns:')) {
      if (scope === parentScope || scope === PREDEFINED_NS) scope = new Map(scope);
      scope.set(attrName === 'xmlns' ? '' : attrName.slice(6), value);
    } else {
      raw.push([attrName, value]);
    }
  }
  const [prefix, name] = splitQName(qname);
  const ns = scope.get(prefix);
  if (ns === undefined && prefix !== '') throw malformed(`undeclared namespace prefix "${prefix}"`, offset);
  const el: XmlElement = { name, ns: ns ?? '', attrs: {}, children: [], text: '' };
  for (const [attrName, value] of raw) {
    const [attrPrefix, local] = splitQName(attrName);
    if (attrPrefix === '') el.attrs[local] = value;
    else if (local === 'type' && scope.get(attrPrefix) === XSI_NS) el.xsiType = splitQName(value)[1];
  }
  return { el, qname, scope };
}

/** The first child element with this local name, if any. */
export function childElement(el: XmlElement, name: string): XmlElement | undefined {
  return el.children.find((c) => c.name === name);
}

/** All child elements with this local name. */
export function childElements(el: XmlElement, name: string): XmlElement[] {
  return el.children.filter((c) => c.name === name);
}

/** The text of the first child element with this local name, if any. */
export function childText(el: XmlElement, name: string): string | undefined {
  return childElement(el, name)?.text;
}

/** Builds a request node: `node('name', 'text')`, `node('name', [children])`, with optional attributes. */
export function node(name: string, content?: string | XmlNode[], attrs?: Record<string, string>): XmlNode {
  const built: XmlNode = { name };
  if (typeof content === 'string') built.text = content;
  else if (content) built.children = content;
  if (attrs) built.attrs = attrs;
  return built;
}

/** Serialises a request node; names are trusted literals, text and attribute values are escaped. */
export function serializeXml(n: XmlNode): string {
  const attrs = Object.entries(n.attrs ?? {})
    .map(([k, v]) => ` ${k}="${escapeXml(v)}"`)
    .join('');
  const inner =
    (n.text === undefined ? '' : escapeXml(n.text)) + (n.children ?? []).map(serializeXml).join('');
  return `<${n.name}${attrs}>${inner}</${n.name}>`;
}

/** Wraps a vim25 method call (`<Method xmlns="urn:vim25">…</Method>`) in a SOAP envelope. */
export function buildEnvelope(method: string, args: XmlNode[]): string {
  return (
    '<?xml version="1.0" encoding="UTF-8"?>' +
    `<soapenv:Envelope xmlns:soapenv="${SOAP_ENV_NS}" xmlns:xsd="http://www.w3.org/2001/XMLSchema" xmlns:xsi="${XSI_NS}">` +
    `<soapenv:Body>${serializeXml(node(method, args, { xmlns: VIM25_NS }))}</soapenv:Body></soapenv:Envelope>`
  );
}
