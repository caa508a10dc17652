import { createPrivateKey, createPublicKey, X509Certificate } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { createSelfSignedCertificate } from '../../src/store/self-signed-certificate.ts';

describe('the embedded Cosmos certificate', () => {
  const now = new Date('2026-11-23T10:00:00.000Z');
  const { cert, key } = createSelfSignedCertificate({ now, validDays: 30 });
  const certificate = new X509Certificate(cert);

  it('is valid from just before now for the days asked', () => {
    expect(new Date(certificate.validFrom).getTime()).toBe(now.getTime() - 60_000);
    expect(new Date(certificate.validTo).getTime()).toBe(now.getTime() + 30 * 86_400_000);
  });

  it('names 127.0.0.1 and localhost, and nothing else', () => {
    expect(certificate.checkIP('127.0.0.1')).toBe('127.0.0.1');
    expect(certificate.checkHost('localhost')).toBe('localhost');
    expect(certificate.checkHost('example.com')).toBeUndefined();
  });

  it('is signed by its own key, which is the key given to the server', () => {
    expect(certificate.verify(createPublicKey(cert))).toBe(true);
    expect(certificate.checkPrivateKey(createPrivateKey(key))).toBe(true);
  });

  it('is a new key and serial each time', () => {
    const other = new X509Certificate(createSelfSignedCertificate({ now }).cert);
    expect(other.serialNumber).not.toBe(certificate.serialNumber);
    expect(other.fingerprint256).not.toBe(certificate.fingerprint256);
  });
});
