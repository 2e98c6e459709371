// Draws build/icon.png (512x512 RGBA): a keyhole in a shield on a rounded square.
// Run with `node build/make-icon.mjs`; no dependencies beyond Node.
import { writeFileSync } from 'node:fs';
import { deflateSync } from 'node:zlib';

const size = 512;
const background = [34, 64, 106];
const shield = [236, 240, 245];

/** Which colour the point (x, y) has, or null for transparent. */
function paint(x, y) {
  const m = 24;
  const r = 96;
  const cx = Math.min(Math.max(x, m + r), size - m - r);
  const cy = Math.min(Math.max(y, m + r), size - m - r);
  if ((x - cx) ** 2 + (y - cy) ** 2 > r * r) return null;
  const top = 112;
  const shoulder = 270;
  const tip = 424;
  let half = 0;
  if (y >= top && y <= shoulder) half = 124;
  else if (y > shoulder && y <= tip) half = 124 * Math.sqrt(1 - ((y - shoulder) / (tip - shoulder)) ** 2);
  if (Math.abs(x - 256) > half) return background;
  const hole = (x - 256) ** 2 + (y - 236) ** 2 <= 36 * 36;
  const slot = y >= 236 && y <= 340 && Math.abs(x - 256) <= 16 + (y - 236) * 0.08;
  return hole || slot ? background : shield;
}

const raw = Buffer.alloc(size * (size * 4 + 1));
const samples = 4;
for (let y = 0; y < size; y++) {
  const row = y * (size * 4 + 1);
  raw[row] = 0;
  for (let x = 0; x < size; x++) {
    let red = 0, green = 0, blue = 0, alpha = 0;
    for (let sy = 0; sy < samples; sy++) {
      for (let sx = 0; sx < samples; sx++) {
        const c = paint(x + (sx + 0.5) / samples, y + (sy + 0.5) / samples);
        if (c === null) continue;
        red += c[0];
        green += c[1];
        blue += c[2];
        alpha += 1;
      }
    }
    const o = row + 1 + x * 4;
    if (alpha > 0) {
      raw[o] = Math.round(red / alpha);
      raw[o + 1] = Math.round(green / alpha);
      raw[o + 2] = Math.round(blue / alpha);
    }
    raw[o + 3] = Math.round((255 * alpha) / (samples * samples));
  }
}

const crcTable = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});
function crc32(buf) {
  let c = 0xffffffff;
  for (const b of buf) c = crcTable[(c ^ b) & 0xff] ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}
function chunk(type, data) {
  const head = Buffer.alloc(8);
  head.writeUInt32BE(data.length, 0);
  head.write(type, 4, 'ascii');
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(Buffer.concat([head.subarray(4), data])), 0);
  return Buffer.concat([head, data, crc]);
}

const ihdr = Buffer.alloc(13);
ihdr.writeUInt32BE(size, 0);
ihdr.writeUInt32BE(size, 4);
ihdr[8] = 8; // bit depth
ihdr[9] = 6; // RGBA
const png = Buffer.concat([
  Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
  chunk('IHDR', ihdr),
  chunk('IDAT', deflateSync(raw, { level: 9 })),
  chunk('IEND', Buffer.alloc(0)),
]);
writeFileSync(new URL('./icon.png', import.meta.url), png);
console.log(`build/icon.png: ${png.length} bytes`);
