import assert from 'node:assert/strict';
import { mkdtemp, readdir, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { text } from 'node:stream/consumers';
import { after, before, describe, it } from 'node:test';
import type { BlobStore } from '../ports/blob-store.ts';
import { fileBlobStore } from './file-blob-store.ts';

describe('the filesystem blob store', () => {
  let root: string;
  let blobs: BlobStore;
  before(async () => {
    root = await mkdtemp(path.join(tmpdir(), 'citycase-blob-store-'));
    blobs = fileBlobStore(root);
  });
  after(() => rm(root, { recursive: true, force: true }));

  it('stores a blob in a sharded folder and reads it back whole or by range', async () => {
    const key = '3fa2c4e0-0000-4000-8000-000000000001';
    await blobs.put(key, (async function* () {
      yield Buffer.from('hello, ');
      yield Buffer.from('城管');
    })());
    assert.ok((await stat(path.join(root, '3f', 'a2', key))).isFile());
    const whole = await blobs.get(key);
    assert.equal(whole?.size, Buffer.byteLength('hello, 城管'));
    assert.equal(await text(whole!.stream), 'hello, 城管');
    const part = await blobs.get(key, { start: 7, end: 9 });
    assert.equal(await text(part!.stream), '城');
  });

  it('leaves nothing behind when the content fails half-way, and keeps what was there', async () => {
    const key = 'abcd-failing';
    await blobs.put(key, Buffer.from('first version'));
    await assert.rejects(
      blobs.put(key, (async function* () {
        yield Buffer.from('second');
        throw new Error('the upload broke');
      })()),
      /the upload broke/,
    );
    assert.equal(await text((await blobs.get(key))!.stream), 'first version');
    assert.deepEqual(await readdir(path.join(root, 'tmp')), [], 'no partial file');
  });

  it('leaves no partial file when the content is refused before its first byte, while the file is still opening', async () => {
    for (let i = 0; i < 20; i++) {
      await assert.rejects(
        blobs.put(`refused-${i}`, (async function* () {
          // Refused while sniffing: before the first chunk is ever handed on.
          yield* [];
          throw new Error('not a photo');
        })()),
        /not a photo/,
      );
      // Checked right away: this is what a refused upload's 415 answer is sent after.
      assert.deepEqual(await readdir(path.join(root, 'tmp')), [], `no partial file after refusal ${i}`);
    }
  });

  it('answers undefined for a missing blob, deletes idempotently, and refuses keys that are paths', async () => {
    assert.equal(await blobs.get('ffff-missing'), undefined);
    await blobs.put('eeee-gone', Buffer.from('x'));
    await blobs.delete('eeee-gone');
    await blobs.delete('eeee-gone');
    assert.equal(await blobs.get('eeee-gone'), undefined);
    for (const key of ['../../etc/passwd', 'ab/cd', 'ABCD-upper', '']) {
      await assert.rejects(blobs.put(key, Buffer.from('x')), /not a blob key/, key);
    }
  });
});
