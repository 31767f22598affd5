/** Tests for the XML reader and the request writer, on answers as vCenter and govmomi send them. */
import { describe, expect, it } from 'vitest';
import {
  buildEnvelope,
  childElement,
  childElements,
  childText,
  decodeEntities,
  escapeXml,
  node,
  parseXml,
  SOAP_ENV_NS,
  serializeXml,
  VIM25_NS,
  type XmlElement,
} from './soap-xml.js';

const ENVELOPE_OPEN =
  '<?xml version="1.0" encoding="UTF-8"?>\n<soapenv:Envelope xmlns:soapenc="http://schemas.xmlsoap.org/soap/encoding/" ' +
  'xmlns:soapenv="http://schemas.xmlsoap.org/soap/envelope/" xmlns:xsd="http://www.w3.org/2001/XMLSchema" ' +
  'xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"><soapenv:Body>';
const ENVELOPE_CLOSE = '</soapenv:Body></soapenv:Envelope>';

/** The shape govmomi's simulator (Go encoding/xml) writes: xsi bound to a prefix named XMLSchema-instance. */
const GOVMOMI_PROPS =
  `${ENVELOPE_OPEN}<RetrievePropertiesExResponse xmlns="urn:vim25"><returnval><objects><obj type="VirtualMachine">vm-57</obj>` +
  '<propSet><name>name</name><val xmlns:XMLSchema-instance="http://www.w3.org/2001/XMLSchema-instance" ' +
  'XMLSchema-instance:type="xsd:string">web &amp; db &lt;01&gt;</val></propSet>' +
  '<propSet><name>parent</name><val xmlns:XMLSchema-instance="http://www.w3.org/2001/XMLSchema-instance" ' +
  'XMLSchema-instance:type="ManagedObjectReference" type="Folder">folder-3</val></propSet>' +
  `</objects></returnval></RetrievePropertiesExResponse>${ENVELOPE_CLOSE}`;

/** The shape vCenter writes: xsi prefix, a token, a missingSet. */
const VCENTER_PROPS =
  '<?xml version="1.0" encoding="UTF-8"?>\n' +
  '<soapenv:Envelope xmlns:soapenc="http://schemas.xmlsoap.org/soap/encoding/"\n' +
  ' xmlns:soapenv="http://schemas.xmlsoap.org/soap/envelope/"\n xmlns:xsd="http://www.w3.org/2001/XMLSchema"\n' +
  ' xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">\n<soapenv:Body>\n' +
  '<RetrievePropertiesExResponse xmlns="urn:vim25"><returnval><token>1</token>' +
  '<objects><obj type="VirtualMachine">vm-1021</obj>' +
  '<propSet><name>config.uuid</name><val xsi:type="xsd:string">4211c1e4-5a7e-0a61-3c58-2c2d1a4e9f10</val></propSet>' +
  '<propSet><name>runtime.powerState</name><val xsi:type="VirtualMachinePowerState">poweredOn</val></propSet>' +
  '<missingSet><path>config.instanceUuid</path><fault><fault xsi:type="NoPermission"><object type="VirtualMachine">vm-1021</object>' +
  '<privilegeId>System.Read</privilegeId></fault><localizedMessage></localizedMessage></fault></missingSet>' +
  '</objects></returnval></RetrievePropertiesExResponse>\n</soapenv:Body>\n</soapenv:Envelope>';

const INVALID_LOGIN =
  `${ENVELOPE_OPEN}<soapenv:Fault><faultcode>ServerFaultCode</faultcode><faultstring>Login failure</faultstring>` +
  `<detail><InvalidLoginFault xmlns="urn:vim25" xsi:type="InvalidLogin"></InvalidLoginFault></detail></soapenv:Fault>${ENVELOPE_CLOSE}`;

function body(xml: string): XmlElement {
  const envelope = parseXml(xml);
  const b = childElement(envelope, 'Body');
  if (!b?.children[0]) throw new Error('no body');
  return b.children[0];
}

describe('parseXml', () => {
  it('resolves the envelope, body and default namespaces', () => {
    const envelope = parseXml(GOVMOMI_PROPS);
    expect(envelope).toMatchObject({ name: 'Envelope', ns: SOAP_ENV_NS });
    const res = body(GOVMOMI_PROPS);
    expect(res).toMatchObject({ name: 'RetrievePropertiesExResponse', ns: VIM25_NS });
  });

  it('reads xsi:type whatever prefix the server bound to the XSI namespace', () => {
    const objects = childElement(childElement(body(GOVMOMI_PROPS), 'returnval')!, 'objects')!;
    const [name, parent] = childElements(objects, 'propSet').map((p) => childElement(p, 'val')!);
    expect(name).toMatchObject({ xsiType: 'string', text: 'web & db <01>', attrs: {} });
    expect(parent).toMatchObject({
      xsiType: 'ManagedObjectReference',
      attrs: { type: 'Folder' },
      text: 'folder-3',
    });
  });

  it('reads vCenter-style answers with whitespace, tokens and missingSet', () => {
    const rv = childElement(body(VCENTER_PROPS), 'returnval')!;
    expect(childText(rv, 'token')).toBe('1');
    const objects = childElement(rv, 'objects')!;
    expect(childElement(objects, 'obj')).toMatchObject({
      attrs: { type: 'VirtualMachine' },
      text: 'vm-1021',
    });
    const missing = childElement(objects, 'missingSet')!;
    expect(childText(missing, 'path')).toBe('config.instanceUuid');
    expect(childElement(childElement(missing, 'fault')!, 'fault')?.xsiType).toBe('NoPermission');
  });

  it('reads a SOAP fault with its detail type', () => {
    const fault = body(INVALID_LOGIN);
    expect(fault).toMatchObject({ name: 'Fault', ns: SOAP_ENV_NS });
    expect(childText(fault, 'faultstring')).toBe('Login failure');
    expect(childElement(fault, 'detail')?.children[0]).toMatchObject({
      name: 'InvalidLoginFault',
      ns: VIM25_NS,
      xsiType: 'InvalidLogin',
    });
  });

  it.each([
    [
      'self-closing elements',
      '<a><b x="1"/><c/></a>',
      (r: XmlElement) => r.children.map((c) => c.name).join(','),
      'b,c',
    ],
    ['single-quoted attributes with ">" inside', `<a k='x>y'/>`, (r: XmlElement) => r.attrs.k, 'x>y'],
    [
      'entities in attribute values',
      '<a k="&quot;q&quot; &amp; &#65;"/>',
      (r: XmlElement) => r.attrs.k,
      '"q" & A',
    ],
    [
      'CDATA verbatim',
      '<a><![CDATA[<not> &amp; markup]]></a>',
      (r: XmlElement) => r.text,
      '<not> &amp; markup',
    ],
    [
      'comments and processing instructions skipped',
      '<?xml version="1.0"?><!-- c --><a>x<!-- y -->z</a>',
      (r: XmlElement) => r.text,
      'xz',
    ],
    [
      'names in other scripts',
      '<a>r&#xE9;sum&#233; &#x1F600; 名前</a>',
      (r: XmlElement) => r.text,
      'résumé 😀 名前',
    ],
    [
      'prefixed element in a redeclared namespace',
      '<p:a xmlns:p="urn:x"><p:b xmlns:p="urn:y"/></p:a>',
      (r: XmlElement) => `${r.ns} ${r.children[0]?.ns}`,
      'urn:x urn:y',
    ],
  ])('handles %s', (_name, xml, pick, expected) => {
    expect(pick(parseXml(xml))).toBe(expected);
  });

  it.each([
    ['a mismatched closing tag', '<a><b></a></b>', /unexpected closing tag <\/a>/],
    ['an unclosed element', '<a><b></b>', /unclosed element <a>/],
    ['an undeclared prefix', '<x:a/>', /undeclared namespace prefix "x"/],
    ['a DTD', '<!DOCTYPE a [<!ENTITY e "boom">]><a>&e;</a>', /document type declarations/],
    ['an unknown entity', '<a>&nbsp;</a>', /unknown entity "&nbsp;"/],
    ['a bare ampersand', '<a>fish & chips</a>', /bare "&"/],
    ['a surrogate code point', '<a>&#xD800;</a>', /unknown entity/],
    ['two roots', '<a/><b/>', /more than one root/],
    ['text outside the root', '<a/>junk', /text outside the root/],
    ['an empty document', '  ', /no root element/],
    ['an unterminated tag', '<a attr="x', /unterminated tag/],
  ])('rejects %s', (_name, xml, message) => {
    expect(() => parseXml(xml)).toThrow(message);
  });

  it('reports malformed input as a vsphere.fault', () => {
    expect(() => parseXml('<a>')).toThrow(expect.objectContaining({ code: 'vsphere.fault' }));
  });
});

describe('decodeEntities and escapeXml', () => {
  it.each([
    ['plain', 'plain'],
    ['&lt;&gt;&amp;&quot;&apos;', `<>&"'`],
    ['&#38;amp;', '&amp;'],
  ])('decodes %s', (raw, decoded) => {
    expect(decodeEntities(raw)).toBe(decoded);
  });

  it('escapes every markup character so values round-trip', () => {
    const nasty = `p@ss<word>&"quoted"'single' ]]> &amp;`;
    expect(escapeXml(nasty)).not.toMatch(/[<>"']|&(?!(amp|lt|gt|quot|apos);)/);
    expect(parseXml(`<a k="${escapeXml(nasty)}">${escapeXml(nasty)}</a>`)).toMatchObject({
      text: nasty,
      attrs: { k: nasty },
    });
  });
});

describe('request writer', () => {
  it('serialises nodes with escaped text and attributes', () => {
    const xml = serializeXml(node('obj', 'a<b', { type: 'Folder&"x"' }));
    expect(xml).toBe('<obj type="Folder&amp;&quot;x&quot;">a&lt;b</obj>');
  });

  it('wraps a method call in an envelope the reader understands', () => {
    const xml = buildEnvelope('Login', [
      node('_this', 'SessionManager', { type: 'SessionManager' }),
      node('userName', 'administrator@vsphere.local'),
      node('password', '</password><injected/>'),
    ]);
    const call = body(xml);
    expect(call).toMatchObject({ name: 'Login', ns: VIM25_NS });
    expect(call.children.map((c) => c.name)).toEqual(['_this', 'userName', 'password']);
    expect(childText(call, 'password')).toBe('</password><injected/>');
  });

  it('declares xsi so that xsi:type attributes in requests resolve', () => {
    const xml = buildEnvelope('RetrievePropertiesEx', [
      node('selectSet', [], { 'xsi:type': 'TraversalSpec' }),
    ]);
    expect(childElement(body(xml), 'selectSet')?.xsiType).toBe('TraversalSpec');
  });
});
