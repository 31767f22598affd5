/** Errors raised by the vSphere adapter; messages never carry credentials. */
import { DriftlineError } from '../../common/errors.js';

/**
 * What went wrong talking to vSphere:
 * - `vsphere.unreachable`: connection refused, DNS failure, timeout, reset;
 * - `vsphere.auth`: the server rejected the user name or password;
 * - `vsphere.tls`: the server certificate is not trusted or does not match the pinned thumbprint;
 * - `vsphere.fault`: any other SOAP fault, failed task or unreadable response.
 */
export type VSphereErrorCode = 'vsphere.unreachable' | 'vsphere.auth' | 'vsphere.tls' | 'vsphere.fault';

/** Details a VSphereError may carry for callers that branch on them. */
export interface VSphereErrorDetails {
  cause?: unknown;
  /** The vim25 fault type, e.g. `InvalidLogin`, `ManagedObjectNotFound`, `InvalidPowerState`. */
  faultType?: string;
  /** The SHA-1 thumbprint (`AA:BB:…`) of the certificate the server presented, for TLS errors. */
  serverThumbprint?: string;
}

/** An error from the vSphere adapter with a stable `vsphere.*` code. */
export class VSphereError extends DriftlineError {
  override readonly code: VSphereErrorCode;
  /** The vim25 fault type when the server returned a fault. */
  readonly faultType: string | undefined;
  /** The server's certificate thumbprint when the error is about TLS trust. */
  readonly serverThumbprint: string | undefined;

  constructor(code: VSphereErrorCode, message: string, details: VSphereErrorDetails = {}) {
    super(code, message, details.cause === undefined ? undefined : { cause: details.cause });
    this.code = code;
    this.faultType = details.faultType;
    this.serverThumbprint = details.serverThumbprint;
  }
}

/** True when `err` is a VSphereError with the given code. */
export function isVSphereError(err: unknown, code?: VSphereErrorCode): err is VSphereError {
  return err instanceof VSphereError && (code === undefined || err.code === code);
}
