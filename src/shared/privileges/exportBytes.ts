// The byte buffers of the flat matrix export (matrixExport.ts): the chunk being filled, the
// arena of encoded pieces rows are copied from, and the copy itself.

const utf8 = new TextEncoder();

/**
 * The chunk being filled: its buffer, a view of it, and how much is written. The buffer is
 * CROSSING + SLACK bytes longer than asked: the row that crosses the chunk's size fits
 * without growing it. why: a fresh buffer per chunk (a consumer that keeps or transfers
 * them) was otherwise grown, and copied, for nearly every chunk: ~30% of such an export.
 */
export class Chunk {
  bytes: Uint8Array<ArrayBuffer>;
  view: DataView;
  pos = 0;

  constructor(private readonly size: number) {
    this.bytes = new Uint8Array(size + CROSSING + SLACK);
    this.view = viewOf(this.bytes);
  }

  /** Grows the buffer to hold `more` bytes after `pos` (and SLACK). */
  reserve(more: number): void {
    if (this.pos + more + SLACK <= this.bytes.length) return;
    this.bytes = grown(this.bytes, this.pos, more + SLACK);
    this.view = viewOf(this.bytes);
  }

  /** Appends `src`. */
  put(src: Uint8Array): void {
    this.reserve(src.length);
    this.bytes.set(src, this.pos);
    this.pos += src.length;
  }

  /** A fresh buffer (the consumer still holds the last one). */
  renew(): void {
    this.bytes = new Uint8Array(this.size + CROSSING + SLACK);
    this.view = viewOf(this.bytes);
  }
}

/** Room kept after the last byte written or stored: copyPiece moves four bytes at a time and may run past a piece by three. */
export const SLACK = 4096;

/** Room for the row that crosses a chunk's size (rows are tens of bytes; a longer one grows the buffer). */
const CROSSING = 4096;

export const viewOf = (bytes: Uint8Array) => new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);

/** Every encoded piece of the rows, back to back in one growing buffer (with SLACK bytes to spare at its end). */
export class Arena {
  view: DataView = new DataView(new ArrayBuffer(65_536));
  private bytes: Uint8Array = new Uint8Array(this.view.buffer);
  /** Bytes stored so far: where the next piece starts. */
  size = 0;

  /**
   * Stores `text` as UTF-8 at `size` and returns its length in bytes. why: plain ASCII (most
   * names) is copied character by character; TextEncoder's per-call cost (a fresh buffer for
   * each of ~25,000 pieces) was 4% of a cold export.
   */
  addText(text: string): number {
    // why: UTF-8 takes at most three bytes per UTF-16 code unit.
    if (this.size + 3 * text.length + SLACK > this.bytes.length) {
      this.bytes = grown(this.bytes, this.size, 3 * text.length + SLACK);
      this.view = viewOf(this.bytes);
    }
    const start = this.size;
    const bytes = this.bytes;
    for (let i = 0; i < text.length; i++) {
      const c = text.charCodeAt(i);
      if (c >= 0x80) {
        const rest = utf8.encodeInto(text.slice(i), bytes.subarray(start + i));
        this.size = start + i + rest.written;
        return this.size - start;
      }
      bytes[start + i] = c;
    }
    this.size = start + text.length;
    return text.length;
  }
}

/**
 * Copies `length` bytes from `src` at `from` into `out` at `pos` and returns the position
 * after them. why: four bytes per step (a plain byte loop was most of the export's time, and
 * TypedArray#set costs more than it saves on pieces of tens of bytes). It may read and
 * write up to three bytes past the piece; both buffers keep SLACK bytes spare, and what it
 * wrote past the piece is overwritten by the next piece or left beyond the chunk's end.
 */
export function copyPiece(out: DataView, pos: number, src: DataView, from: number, length: number): number {
  for (let b = 0; b < length; b += 4) out.setUint32(pos + b, src.getUint32(from + b, true), true);
  return pos + length;
}

/** A copy of `out`'s first `pos` bytes in a buffer with room for `more`. */
function grown(out: Uint8Array, pos: number, more: number): Uint8Array<ArrayBuffer> {
  const bigger = new Uint8Array(Math.max(out.length * 2, pos + more));
  bigger.set(out.subarray(0, pos));
  return bigger;
}
