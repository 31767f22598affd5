/** A vSphere SOAP session: service content, login/logout with the session cookie, method calls. */
import { Agent as HttpAgent } from 'node:http';
import type { Logger } from '../../common/logger.js';
import { silentLogger } from '../../common/logger.js';
import { VSphereError } from './errors.js';
import {
  buildEnvelope,
  childElement,
  childText,
  node,
  parseXml,
  SOAP_ENV_NS,
  type XmlElement,
  type XmlNode,
} from './soap-xml.js';
import { createVSphereAgent, type VSphereTlsOptions } from './tls.js';
import { sendSoap, type TransportOptions } from './transport.js';

/** A managed object reference: its type (`VirtualMachine`) and value (`vm-42`). */
export interface MoRef {
  type: string;
  value: string;
}

/** The parts of ServiceContent Driftline uses. */
export interface ServiceContent {
  rootFolder: MoRef;
  propertyCollector: MoRef;
  viewManager: MoRef;
  sessionManager: MoRef;
  /** e.g. `7.0.3.0`; also selects the SOAPAction version. */
  apiVersion: string;
  /** e.g. `VMware vCenter Server 7.0.3 build-…`. */
  fullName: string;
}

/** What inventory and task code need from a session; fakes implement this in unit tests. */
export interface SoapSession {
  readonly serviceContent: ServiceContent;
  /** Calls `method` on `target`; resolves to the `<MethodResponse>` element, rejects with VSphereError. */
  call(
    method: string,
    target: MoRef,
    args?: XmlNode[],
    options?: { idempotent?: boolean },
  ): Promise<XmlElement>;
}

/** How to reach and log in to vCenter (or ESXi). */
export interface VSphereConnectOptions {
  /** `vc.example.com`, `vc.example.com:8443` or `https://vc.example.com/sdk`; credentials in it are ignored. */
  server: string;
  username: string;
  /** Sent only in the Login body, which is never logged. */
  password: string;
  tls?: VSphereTlsOptions;
  /** Per-request deadline; default 30 s. */
  timeoutMs?: number;
  /** Extra attempts for connection errors on reads; default 2. */
  retries?: number;
  /** First retry delay; default 200 ms, doubling. */
  retryDelayMs?: number;
  logger?: Logger;
}

/** Turns the user's `server` into the SDK endpoint URL, dropping any embedded credentials. */
export function sdkUrl(server: string): URL {
  const url = new URL(/^[a-z][a-z0-9+.-]*:\/\//i.test(server) ? server : `https://${server}`);
  if (url.protocol !== 'https:' && url.protocol !== 'http:') {
    throw new VSphereError('vsphere.unreachable', `unsupported vsphere url scheme "${url.protocol}"`);
  }
  url.username = '';
  url.password = '';
  if (url.pathname === '' || url.pathname === '/') url.pathname = '/sdk';
  url.search = '';
  url.hash = '';
  return url;
}

/** Reads a `<x type="T">value</x>` element as a MoRef. */
export function readMoRef(el: XmlElement | undefined): MoRef | undefined {
  if (!el?.attrs.type) return undefined;
  return { type: el.attrs.type, value: el.text };
}

/** Serialises a MoRef as `<name type="T">value</name>`. */
export function moRefNode(name: string, ref: MoRef): XmlNode {
  return node(name, ref.value, { type: ref.type });
}

/** Turns a SOAP Fault element into a VSphereError (`vsphere.auth` for InvalidLogin). */
export function faultToError(fault: XmlElement, method: string): VSphereError {
  const message = childText(fault, 'faultstring') ?? 'unknown fault';
  const detail = childElement(fault, 'detail')?.children[0];
  const faultType = detail ? (detail.xsiType ?? detail.name.replace(/Fault$/, '')) : undefined;
  if (faultType === 'InvalidLogin') {
    return new VSphereError('vsphere.auth', 'login failed: invalid user name or password', { faultType });
  }
  const typeText = faultType && !message.includes(faultType) ? ` (${faultType})` : '';
  return new VSphereError('vsphere.fault', `${method} failed: ${message}${typeText}`, { faultType });
}

const SERVICE_INSTANCE: MoRef = { type: 'ServiceInstance', value: 'ServiceInstance' };

/** A logged-in vSphere session over one keep-alive agent. Create with `connectVSphere`. */
export class VSphereClient implements SoapSession {
  #serviceContent: ServiceContent | undefined;
  #cookie: string | undefined;
  #soapAction = 'urn:vim25/6.7';
  readonly #transport: TransportOptions;
  readonly #username: string;

  constructor(options: VSphereConnectOptions) {
    const url = sdkUrl(options.server);
    const timeoutMs = options.timeoutMs ?? 30_000;
    this.#username = options.username;
    this.#transport = {
      url,
      agent:
        url.protocol === 'http:'
          ? new HttpAgent({ keepAlive: true, maxSockets: 8 })
          : createVSphereAgent(options.tls ?? {}, timeoutMs),
      timeoutMs,
      retries: options.retries ?? 2,
      retryDelayMs: options.retryDelayMs ?? 200,
      logger: (options.logger ?? silentLogger()).child({ vsphere: url.host }),
    };
  }

  /** The endpoint, without credentials. */
  get url(): string {
    return this.#transport.url.href;
  }

  /** ServiceContent, available after `login`. */
  get serviceContent(): ServiceContent {
    if (!this.#serviceContent) throw new VSphereError('vsphere.fault', 'not connected: call login() first');
    return this.#serviceContent;
  }

  /** Reads ServiceContent, then logs in. Login is never retried and its body never logged. */
  async login(password: string): Promise<void> {
    const res = await this.call('RetrieveServiceContent', SERVICE_INSTANCE, [
      moRefNode('_this', SERVICE_INSTANCE),
    ]);
    const sc = parseServiceContent(res);
    this.#serviceContent = sc;
    this.#soapAction = `urn:vim25/${sc.apiVersion}`;
    const args = [node('userName', this.#username), node('password', password)];
    await this.call('Login', sc.sessionManager, args, { idempotent: false });
    this.#transport.logger.debug({ user: this.#username, server: sc.fullName }, 'vsphere login');
  }

  /** Ends the session (best effort) and closes pooled connections. */
  async logout(): Promise<void> {
    try {
      if (this.#cookie && this.#serviceContent) {
        await this.call('Logout', this.#serviceContent.sessionManager, [], { idempotent: false });
      }
    } finally {
      this.#cookie = undefined;
      this.close();
    }
  }

  /** Closes pooled connections without logging out. */
  close(): void {
    this.#transport.agent.destroy();
  }

  /** Calls a vim25 method; `args` follow the `_this` argument. Reads are idempotent by default. */
  async call(
    method: string,
    target: MoRef,
    args: XmlNode[] = [],
    options: { idempotent?: boolean } = {},
  ): Promise<XmlElement> {
    const envelope = buildEnvelope(method, [moRefNode('_this', target), ...args]);
    const res = await sendSoap(this.#transport, {
      method,
      soapAction: this.#soapAction,
      envelope,
      cookie: this.#cookie,
      idempotent: options.idempotent ?? true,
    });
    if (res.sessionCookie) this.#cookie = res.sessionCookie;
    const body = soapBody(res.body, res.status, method);
    const first = body.children[0];
    if (first?.name === 'Fault' && first.ns === SOAP_ENV_NS) throw faultToError(first, method);
    if (res.status !== 200)
      throw new VSphereError('vsphere.fault', `${method} failed: http status ${res.status}`);
    if (!first) throw new VSphereError('vsphere.fault', `${method} failed: empty soap body`);
    return first;
  }
}

function soapBody(text: string, status: number, method: string): XmlElement {
  let envelope: XmlElement;
  try {
    envelope = parseXml(text);
  } catch (err) {
    const what = status === 200 ? 'an unreadable answer' : `http status ${status} without a soap answer`;
    throw new VSphereError('vsphere.fault', `${method} failed: ${what}`, { cause: err });
  }
  const body = envelope.ns === SOAP_ENV_NS ? envelope.children.find((c) => c.name === 'Body') : undefined;
  if (!body) throw new VSphereError('vsphere.fault', `${method} failed: response is not a soap envelope`);
  return body;
}

function parseServiceContent(res: XmlElement): ServiceContent {
  const rv = childElement(res, 'returnval');
  const about = rv && childElement(rv, 'about');
  const ref = (name: string): MoRef => {
    const r = rv && readMoRef(childElement(rv, name));
    if (!r)
      throw new VSphereError('vsphere.fault', `RetrieveServiceContent failed: no ${name} in the answer`);
    return r;
  };
  return {
    rootFolder: ref('rootFolder'),
    propertyCollector: ref('propertyCollector'),
    viewManager: ref('viewManager'),
    sessionManager: ref('sessionManager'),
    apiVersion: (about && childText(about, 'apiVersion')) || '6.7',
    fullName: (about && childText(about, 'fullName')) ?? '',
  };
}

/** Connects and logs in; the password is used for Login only and not kept. */
export async function connectVSphere(options: VSphereConnectOptions): Promise<VSphereClient> {
  const client = new VSphereClient(options);
  try {
    await client.login(options.password);
  } catch (err) {
    client.close();
    if (err instanceof VSphereError && err.code === 'vsphere.auth') {
      throw new VSphereError(
        'vsphere.auth',
        `login to ${client.url} as "${options.username}" failed: invalid user name or password`,
        { faultType: err.faultType, cause: err },
      );
    }
    throw err;
  }
  return client;
}
