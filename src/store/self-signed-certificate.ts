import {
  createPrivateKey,
  generateKeyPairSync,
  randomBytes,
  sign,
  X509Certificate,
} from 'node:crypto';

/**
 * A throwaway TLS certificate for the in-process Cosmos-compatible server.
 *
 * The server's bundled certificate expired in 2021, and Node cannot be told to accept an expired
 * certificate for one client only. So each embedded run makes its own short-lived certificate for
 * 127.0.0.1 and localhost, and the client trusts exactly that certificate (as its only CA) with
 * full verification: TLS checks stay on for everything else in the process.
 */
export interface SelfSignedCertificate {
  /** PEM of the certificate: give it to the client as `ca`. */
  cert: string;
  /** PEM (PKCS#8) of the private key: give it to the server. */
  key: string;
}

const tlv = (tag: number, content: Buffer): Buffer => {
  const length = content.length;
  let header: Buffer;
  if (length < 0x80) {
    header = Buffer.from([tag, length]);
  } else {
    const bytes: number[] = [];
    for (let rest = length; rest > 0; rest = Math.floor(rest / 256)) {
      bytes.unshift(rest % 256);
    }
    header = Buffer.from([tag, 0x80 | bytes.length, ...bytes]);
  }
  return Buffer.concat([header, content]);
};

const sequence = (...parts: Buffer[]): Buffer => tlv(0x30, Buffer.concat(parts));

const objectId = (dotted: string): Buffer => {
  const [first = 0, second = 0, ...rest] = dotted.split('.').map(Number);
  const bytes = [first * 40 + second];
  for (const arc of rest) {
    const chunk = [arc & 0x7f];
    for (let value = arc >>> 7; value > 0; value >>>= 7) {
      chunk.unshift(0x80 | (value & 0x7f));
    }
    bytes.push(...chunk);
  }
  return tlv(0x06, Buffer.from(bytes));
};

const utcTime = (date: Date): Buffer => {
  const iso = date.toISOString(); // 2026-11-23T09:43:49.000Z
  const text =
    iso.slice(2, 4) +
    iso.slice(5, 7) +
    iso.slice(8, 10) +
    iso.slice(11, 13) +
    iso.slice(14, 16) +
    iso.slice(17, 19) +
    'Z';
  return tlv(0x17, Buffer.from(text, 'ascii'));
};

const commonName = (name: string): Buffer =>
  sequence(tlv(0x31, sequence(objectId('2.5.4.3'), tlv(0x0c, Buffer.from(name, 'utf8')))));

const ECDSA_WITH_SHA256 = sequence(objectId('1.2.840.10045.4.3.2'));

/** Makes an ECDSA P-256 certificate for 127.0.0.1 and localhost, valid from a minute ago. */
export function createSelfSignedCertificate(
  options: { now?: Date; validDays?: number; name?: string } = {},
): SelfSignedCertificate {
  const now = options.now ?? new Date();
  const validDays = options.validDays ?? 30;
  const name = options.name ?? 'License Desk embedded Cosmos';
  const { privateKey, publicKey } = generateKeyPairSync('ec', { namedCurve: 'P-256' });

  const serial = randomBytes(16);
  serial[0] = (serial[0]! & 0x7f) | 0x01; // positive and without a leading zero byte
  const subjectAltName = sequence(
    tlv(0x87, Buffer.from([127, 0, 0, 1])), // iPAddress
    tlv(0x82, Buffer.from('localhost', 'ascii')), // dNSName
  );
  const extensions = tlv(
    0xa3,
    sequence(sequence(objectId('2.5.29.17'), tlv(0x04, subjectAltName))),
  );
  const tbs = sequence(
    tlv(0xa0, tlv(0x02, Buffer.from([2]))), // version 3
    tlv(0x02, serial),
    ECDSA_WITH_SHA256,
    commonName(name),
    sequence(
      utcTime(new Date(now.getTime() - 60_000)),
      utcTime(new Date(now.getTime() + validDays * 86_400_000)),
    ),
    commonName(name),
    publicKey.export({ type: 'spki', format: 'der' }),
    extensions,
  );
  const signature = sign('sha256', tbs, privateKey);
  const der = sequence(
    tbs,
    ECDSA_WITH_SHA256,
    tlv(0x03, Buffer.concat([Buffer.from([0]), signature])),
  );

  const cert = new X509Certificate(der).toString();
  const key = privateKey.export({ type: 'pkcs8', format: 'pem' }).toString();
  // Fail here, not in a TLS handshake, if the encoding were ever wrong.
  if (!new X509Certificate(cert).checkPrivateKey(createPrivateKey(key))) {
    throw new Error('The embedded Cosmos certificate does not match its key.');
  }
  return { cert, key };
}
