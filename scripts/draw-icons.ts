/**
 * Draws the Teams app's two icons into appPackage/ (run once, the PNGs are committed):
 * `color.png`, 192×192, a white license card on the accent colour, and `outline.png`, 32×32,
 * the same card in white on transparent, as Teams requires. Plain pixels and node's zlib: no
 * image library for two small pictures.
 *
 * `node scripts/draw-icons.ts`
 */
import { writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { blankImage, encodePng, paint, type RgbaImage } from './app-package/png.ts';

const ACCENT = [0x2f, 0x55, 0x97, 0xff] as const;
const WHITE = [0xff, 0xff, 0xff, 0xff] as const;

interface Box {
  left: number;
  top: number;
  right: number;
  bottom: number;
}

/** Fills a box (right and bottom excluded), with its corners rounded by `radius`. */
function fill(image: RgbaImage, box: Box, rgba: readonly number[], radius = 0): void {
  for (let y = box.top; y < box.bottom; y += 1) {
    for (let x = box.left; x < box.right; x += 1) {
      const dx = Math.max(box.left + radius - x - 0.5, x + 0.5 - (box.right - radius), 0);
      const dy = Math.max(box.top + radius - y - 0.5, y + 0.5 - (box.bottom - radius), 0);
      if (dx * dx + dy * dy <= radius * radius) {
        paint(image, x, y, rgba);
      }
    }
  }
}

/** A license card: a frame, a round badge for the person, and two lines of text. */
function drawCard(image: RgbaImage, scale: number, ink: readonly number[], paper?: number[]): void {
  const s = (n: number): number => Math.round(n * scale);
  const card: Box = { left: s(3), top: s(7), right: s(29), bottom: s(25) };
  if (paper) {
    fill(image, card, paper, s(2));
  } else {
    fill(image, card, ink, s(2));
    fill(
      image,
      {
        left: card.left + s(2),
        top: card.top + s(2),
        right: card.right - s(2),
        bottom: card.bottom - s(2),
      },
      [0, 0, 0, 0],
      s(1),
    );
  }
  fill(image, { left: s(7), top: s(11), right: s(13), bottom: s(17) }, ink, s(3));
  fill(image, { left: s(6), top: s(18), right: s(14), bottom: s(21) }, ink, s(1));
  fill(image, { left: s(16), top: s(12), right: s(26), bottom: s(14) }, ink);
  fill(image, { left: s(16), top: s(17), right: s(23), bottom: s(19) }, ink);
}

function colorIcon(): RgbaImage {
  const image = blankImage(192, 192);
  fill(image, { left: 0, top: 0, right: 192, bottom: 192 }, ACCENT);
  drawCard(image, 6, ACCENT, [...WHITE]);
  return image;
}

function outlineIcon(): RgbaImage {
  const image = blankImage(32, 32);
  drawCard(image, 1, WHITE);
  return image;
}

const folder = fileURLToPath(new URL('../appPackage/', import.meta.url));
writeFileSync(`${folder}color.png`, encodePng(colorIcon()));
writeFileSync(`${folder}outline.png`, encodePng(outlineIcon()));
console.log(`icons written to ${folder}`);
