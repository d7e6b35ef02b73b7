import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { buffer } from 'node:stream/consumers';
import { after, before, describe, it } from 'node:test';
import type { BlobStore } from '../ports/blob-store.ts';
import { fileBlobStore } from './file-blob-store.ts';
import { receiveUpload } from './receive-upload.ts';
import { jpeg, png, videoHeader } from './sample-media.fixture.ts';

/** The bytes in small pieces, as a network delivers them. */
async function* inChunks(bytes: Buffer, size = 1000): AsyncGenerator<Uint8Array> {
  for (let at = 0; at < bytes.length; at += size) yield bytes.subarray(at, at + size);
}

const megabytes = (n: number) => n * 1024 * 1024;

describe('receiving an upload', () => {
  let root: string;
  let blobs: BlobStore;
  before(async () => {
    root = await mkdtemp(path.join(tmpdir(), 'citycase-receive-'));
    blobs = fileBlobStore(root);
  });
  after(() => rm(root, { recursive: true, force: true }));

  /** Every blob file under the root, however deep. */
  async function storedFiles(): Promise<string[]> {
    const entries = await readdir(root, { recursive: true, withFileTypes: true });
    return entries.filter((entry) => entry.isFile()).map((entry) => entry.name);
  }

  it('stores a photo arriving in pieces with its type, size, digest and dimensions', async () => {
    const photo = jpeg(64, 48, { padding: 9000 });
    const upload = await receiveUpload(blobs, { content: inChunks(photo, 700), declaredType: 'image/jpeg', filename: 'IMG_2041.jpg' });
    assert.equal(upload.contentType, 'image/jpeg');
    assert.equal(upload.size, photo.length);
    assert.equal(upload.sha256, createHash('sha256').update(photo).digest('hex'));
    assert.deepEqual(upload.dimensions, { width: 64, height: 48 });
    assert.deepEqual(await buffer((await blobs.get(upload.id))!.stream), photo);
  });

  it('limits by kind: an 11 MB video is kept, an 11 MB photo is refused', async () => {
    const filler = Buffer.alloc(megabytes(11));
    const video = await receiveUpload(blobs, { content: inChunks(Buffer.concat([videoHeader('isom'), filler]), 65536) });
    assert.equal(video.contentType, 'video/mp4');
    assert.equal(video.dimensions, null);
    const before = await storedFiles();
    await assert.rejects(
      receiveUpload(blobs, { content: inChunks(Buffer.concat([jpeg(8, 8), filler]), 65536) }),
      (error: Error & { status?: number }) => error.status === 413 && /at most 10 MB/.test(error.message),
    );
    assert.deepEqual(await storedFiles(), before, 'nothing stored for the refused photo');
  });

  it('refuses a decompression bomb and a mislabelled file, storing nothing', async () => {
    const before = await storedFiles();
    await assert.rejects(receiveUpload(blobs, { content: inChunks(png(50_000, 50_000, { pixels: false })) }), (error: Error & { status?: number }) => error.status === 413);
    await assert.rejects(receiveUpload(blobs, { content: inChunks(png(4, 4)), declaredType: 'image/jpeg' }), (error: Error & { status?: number }) => error.status === 415);
    assert.deepEqual(await storedFiles(), before);
  });
});
