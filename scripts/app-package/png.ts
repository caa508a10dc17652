import { crc32, deflateSync } from 'node:zlib';

/** An RGBA image, 4 bytes a pixel, row after row. */
export interface RgbaImage {
  width: number;
  height: number;
  pixels: Uint8Array;
}

/** A blank (fully transparent) image to draw on. */
export function blankImage(width: number, height: number): RgbaImage {
  return { width, height, pixels: new Uint8Array(width * height * 4) };
}

/** Paints one pixel; outside the image nothing happens, so shapes may run off the edge. */
export function paint(image: RgbaImage, x: number, y: number, rgba: readonly number[]): void {
  if (x < 0 || y < 0 || x >= image.width || y >= image.height) {
    return;
  }
  image.pixels.set(rgba, (y * image.width + x) * 4);
}

function chunk(type: string, data: Buffer): Buffer {
  const typed = Buffer.concat([Buffer.from(type, 'ascii'), data]);
  const length = Buffer.alloc(4);
  length.writeUInt32BE(data.byteLength);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(typed));
  return Buffer.concat([length, typed, crc]);
}

const PNG_SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);

/** The image as a PNG file: 8-bit RGBA, no filter, one deflated IDAT. */
export function encodePng(image: RgbaImage): Buffer {
  const header = Buffer.alloc(13);
  header.writeUInt32BE(image.width, 0);
  header.writeUInt32BE(image.height, 4);
  header.writeUInt8(8, 8); // bit depth
  header.writeUInt8(6, 9); // colour type: truecolour with alpha
  const rowBytes = image.width * 4;
  const raw = Buffer.alloc((rowBytes + 1) * image.height);
  for (let y = 0; y < image.height; y += 1) {
    // Each row starts with its filter type, 0 (none).
    raw.set(image.pixels.subarray(y * rowBytes, (y + 1) * rowBytes), y * (rowBytes + 1) + 1);
  }
  return Buffer.concat([
    PNG_SIGNATURE,
    chunk('IHDR', header),
    chunk('IDAT', deflateSync(raw, { level: 9 })),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}

/** What a PNG's header says: its size and colour type, or why the bytes are no PNG. */
export function readPngHeader(
  bytes: Buffer,
): { width: number; height: number; colourType: number } | { error: string } {
  if (bytes.byteLength < 33 || !bytes.subarray(0, 8).equals(PNG_SIGNATURE)) {
    return { error: 'not a PNG file' };
  }
  if (bytes.toString('ascii', 12, 16) !== 'IHDR') {
    return { error: 'the first chunk is not IHDR' };
  }
  return {
    width: bytes.readUInt32BE(16),
    height: bytes.readUInt32BE(20),
    colourType: bytes.readUInt8(25),
  };
}
