import { crc32 } from 'node:zlib';

/** One file of a ZIP archive, as its central directory and local header describe it. */
export interface ZipFile {
  name: string;
  method: number;
  bytes: Buffer;
  crcMatches: boolean;
}

/**
 * The files of a ZIP archive, read the way unzip does: from the end-of-central-directory record
 * to the central directory, then each local header. Only what the tests need: no ZIP64, and a
 * stored (method 0) file's bytes are returned as they are.
 */
export function readZip(archive: Buffer): ZipFile[] {
  const end = archive.lastIndexOf(Buffer.from([0x50, 0x4b, 0x05, 0x06]));
  if (end < 0) {
    throw new Error('no end of central directory record');
  }
  const count = archive.readUInt16LE(end + 10);
  let at = archive.readUInt32LE(end + 16);
  const files: ZipFile[] = [];
  for (let i = 0; i < count; i += 1) {
    if (archive.readUInt32LE(at) !== 0x02014b50) {
      throw new Error(`no central directory header at ${at}`);
    }
    const method = archive.readUInt16LE(at + 10);
    const crc = archive.readUInt32LE(at + 16);
    const size = archive.readUInt32LE(at + 20);
    const nameLength = archive.readUInt16LE(at + 28);
    const extraLength = archive.readUInt16LE(at + 30);
    const commentLength = archive.readUInt16LE(at + 32);
    const local = archive.readUInt32LE(at + 42);
    const name = archive.toString('utf8', at + 46, at + 46 + nameLength);
    if (archive.readUInt32LE(local) !== 0x04034b50) {
      throw new Error(`no local header for ${name}`);
    }
    const dataStart =
      local + 30 + archive.readUInt16LE(local + 26) + archive.readUInt16LE(local + 28);
    const bytes = archive.subarray(dataStart, dataStart + size);
    files.push({ name, method, bytes, crcMatches: crc32(bytes) === crc });
    at += 46 + nameLength + extraLength + commentLength;
  }
  return files;
}
