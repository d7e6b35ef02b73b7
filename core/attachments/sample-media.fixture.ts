import { crc32, deflateSync } from 'node:zlib';

/*
 * Small media files built byte by byte, for tests: real, decodable JPEG and PNG images of any size (uniform grey),
 * and the leading boxes/chunks of WebP, HEIC, MP4 and MOV files, which is all sniffing and header reading see.
 */

const u16 = (value: number) => Buffer.from([(value >> 8) & 0xff, value & 0xff]);
const u32 = (value: number) => {
  const bytes = Buffer.alloc(4);
  bytes.writeUInt32BE(value);
  return bytes;
};
const u32le = (value: number) => {
  const bytes = Buffer.alloc(4);
  bytes.writeUInt32LE(value);
  return bytes;
};
const u24le = (value: number) => Buffer.from([value & 0xff, (value >> 8) & 0xff, (value >> 16) & 0xff]);

function pngChunk(type: string, data: Buffer): Buffer {
  const typed = Buffer.concat([Buffer.from(type, 'latin1'), data]);
  return Buffer.concat([u32(data.length), typed, u32(crc32(typed))]);
}

/**
 * A greyscale PNG. With `pixels: false` the IDAT holds one row whatever the header says: a file whose header
 * claims a size no decoder should be asked to allocate.
 */
export function png(width: number, height: number, options: { pixels?: boolean } = {}): Buffer {
  const header = Buffer.concat([u32(width), u32(height), Buffer.from([8, 0, 0, 0, 0])]);
  const rows = options.pixels === false ? 1 : height;
  const row = Buffer.concat([Buffer.from([0]), Buffer.alloc(options.pixels === false ? 1 : width, 0x80)]);
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    pngChunk('IHDR', header),
    pngChunk('IDAT', deflateSync(Buffer.concat(Array.from({ length: rows }, () => row)))),
    pngChunk('IEND', Buffer.alloc(0)),
  ]);
}

function jpegSegment(marker: number, data: Buffer): Buffer {
  return Buffer.concat([Buffer.from([0xff, marker]), u16(data.length + 2), data]);
}

/**
 * A baseline greyscale JPEG: one Huffman code for "DC difference 0" and one for "end of block", so every 8×8
 * block is two bits and the whole picture is mid-grey. `padding` adds an APP1 segment before the frame header,
 * as a phone's EXIF data does.
 */
export function jpeg(width: number, height: number, options: { padding?: number } = {}): Buffer {
  const blocks = Math.ceil(width / 8) * Math.ceil(height / 8);
  const bits = '00'.repeat(blocks).padEnd(Math.ceil((blocks * 2) / 8) * 8, '1');
  const scan = Buffer.from(bits.match(/.{8}/g)!.map((byte) => parseInt(byte, 2)));
  const oneCode = (tableClass: number) => Buffer.concat([Buffer.from([tableClass]), Buffer.from([1, ...Array(15).fill(0)]), Buffer.from([0])]);
  const padding = options.padding ? [jpegSegment(0xe1, Buffer.alloc(options.padding, 0x20))] : [];
  return Buffer.concat([
    Buffer.from([0xff, 0xd8]),
    jpegSegment(0xe0, Buffer.from([0x4a, 0x46, 0x49, 0x46, 0x00, 0x01, 0x01, 0x00, 0x00, 0x01, 0x00, 0x01, 0x00, 0x00])),
    ...padding,
    jpegSegment(0xdb, Buffer.concat([Buffer.from([0]), Buffer.alloc(64, 1)])),
    jpegSegment(0xc0, Buffer.concat([Buffer.from([8]), u16(height), u16(width), Buffer.from([1, 1, 0x11, 0])])),
    jpegSegment(0xc4, oneCode(0x00)),
    jpegSegment(0xc4, oneCode(0x10)),
    jpegSegment(0xda, Buffer.from([1, 1, 0x00, 0, 63, 0])),
    scan,
    Buffer.from([0xff, 0xd9]),
  ]);
}

/** The RIFF header and VP8X chunk of an extended WebP, which names the canvas size. */
export function webpHeader(width: number, height: number): Buffer {
  const vp8x = Buffer.concat([Buffer.from('VP8X', 'latin1'), u32le(10), Buffer.from([0, 0, 0, 0]), u24le(width - 1), u24le(height - 1)]);
  return Buffer.concat([Buffer.from('RIFF', 'latin1'), u32le(4 + vp8x.length), Buffer.from('WEBP', 'latin1'), vp8x]);
}

function box(type: string, ...content: Buffer[]): Buffer {
  const body = Buffer.concat(content);
  return Buffer.concat([u32(8 + body.length), Buffer.from(type, 'latin1'), body]);
}
const fullBox = (type: string, ...content: Buffer[]) => box(type, Buffer.alloc(4), ...content);

/** The ftyp and meta boxes of a HEIC still: the size sits in an `ispe` property. */
export function heicHeader(width: number, height: number): Buffer {
  const ispe = fullBox('ispe', u32(width), u32(height));
  return Buffer.concat([
    box('ftyp', Buffer.from('heic', 'latin1'), u32(0), Buffer.from('mif1heic', 'latin1')),
    fullBox('meta', fullBox('hdlr', u32(0), Buffer.from('pict', 'latin1'), Buffer.alloc(13)), box('iprp', box('ipco', ispe))),
  ]);
}

/** The ftyp box (MP4 brand `isom`, QuickTime `qt  `) and an empty media data box. */
export function videoHeader(brand: 'isom' | 'qt  '): Buffer {
  return Buffer.concat([box('ftyp', Buffer.from(brand, 'latin1'), u32(0x200), Buffer.from(brand, 'latin1')), box('mdat', Buffer.alloc(64))]);
}
