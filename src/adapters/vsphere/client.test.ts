/** Tests for endpoint normalisation and SOAP fault mapping. */
import { describe, expect, it } from 'vitest';
import { faultToError, sdkUrl } from './client.js';
import { parseXml } from './soap-xml.js';

describe('sdkUrl', () => {
  it.each([
    ['vc.example.com', 'https://vc.example.com/sdk'],
    ['vc.example.com:8443', 'https://vc.example.com:8443/sdk'],
    ['https://vc.example.com/', 'https://vc.example.com/sdk'],
    ['https://administrator%40vsphere.local:s3cret@vc.example.com/sdk', 'https://vc.example.com/sdk'],
    ['http://127.0.0.1:8989/sdk?x=1#y', 'http://127.0.0.1:8989/sdk'],
    ['https://vc.example.com/custom/sdk', 'https://vc.example.com/custom/sdk'],
  ])('turns %s into %s', (server, url) => {
    expect(sdkUrl(server).href).toBe(url);
  });

  it('refuses other schemes', () => {
    expect(() => sdkUrl('ftp://vc.example.com')).toThrow(/unsupported vsphere url scheme "ftp:"/);
  });
});

const fault = (detail: string, faultstring = 'Login failure'): ReturnType<typeof parseXml> =>
  parseXml(
    '<soapenv:Fault xmlns:soapenv="http://schemas.xmlsoap.org/soap/envelope/" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">' +
      `<faultcode>ServerFaultCode</faultcode><faultstring>${faultstring}</faultstring><detail>${detail}</detail></soapenv:Fault>`,
  );

describe('faultToError', () => {
  it('maps InvalidLogin to vsphere.auth', () => {
    const err = faultToError(
      fault('<InvalidLoginFault xmlns="urn:vim25" xsi:type="InvalidLogin"/>'),
      'Login',
    );
    expect(err).toMatchObject({ code: 'vsphere.auth', faultType: 'InvalidLogin' });
  });

  it('maps other faults to vsphere.fault with the fault string and type', () => {
    const detail = '<NotAuthenticatedFault xmlns="urn:vim25" xsi:type="NotAuthenticated"/>';
    const err = faultToError(fault(detail, 'The session is not authenticated.'), 'RetrievePropertiesEx');
    expect(err).toMatchObject({
      code: 'vsphere.fault',
      faultType: 'NotAuthenticated',
      message: 'RetrievePropertiesEx failed: The session is not authenticated. (NotAuthenticated)',
    });
  });

  it('derives the type from the element name when xsi:type is absent', () => {
    const err = faultToError(
      fault('<ManagedObjectNotFoundFault xmlns="urn:vim25"/>', 'gone'),
      'Destroy_Task',
    );
    expect(err.faultType).toBe('ManagedObjectNotFound');
  });
});
