import { randomUUID } from 'node:crypto';
import { once } from 'node:events';
import { createWriteStream } from 'node:fs';
import { mkdir, open, rename, rm } from 'node:fs/promises';
import path from 'node:path';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type { BlobStore, ByteRange, StoredBlob } from '../ports/blob-store.ts';

// Lower-case only, so two keys never meet on a case-insensitive filesystem; no dots or slashes, so a key is
// never a path.
const keyPattern = /^[0-9a-z][0-9a-z_-]{3,127}$/;

/** The blob folder beside the PGlite data: CITYCASE_DATA_DIR (default ./data) + /blobs. */
export function blobsDirFromEnv(env: NodeJS.ProcessEnv = process.env): string {
  return path.join(env.CITYCASE_DATA_DIR ?? './data', 'blobs');
}

/**
 * Blobs as files under `root`, sharded two levels deep by the key's first characters (random for UUIDs), so
 * no folder grows past a few thousand entries. A put writes a temporary file beside the shards and renames it
 * into place: readers see the whole blob or none.
 */
export function fileBlobStore(root: string): BlobStore {
  const temporary = path.join(root, 'tmp');

  function pathOf(key: string): string {
    if (!keyPattern.test(key)) throw new Error(`"${key}" is not a blob key`);
    return path.join(root, key.slice(0, 2), key.slice(2, 4), key);
  }

  return {
    async put(key, content) {
      const target = pathOf(key);
      await mkdir(temporary, { recursive: true });
      const partial = path.join(temporary, `${randomUUID()}.part`);
      const sink = createWriteStream(partial, { flags: 'wx', flush: true });
      try {
        const source = content instanceof Uint8Array ? Readable.from([content]) : Readable.from(content);
        await pipeline(source, sink);
        await mkdir(path.dirname(target), { recursive: true });
        await rename(partial, target);
      } catch (error) {
        // A content refused at its first bytes fails the pipeline while the file is still being opened; removing
        // it before the open completes would leave an empty partial behind for good.
        if (!sink.closed) await once(sink, 'close').catch(() => undefined);
        await rm(partial, { force: true });
        throw error;
      }
    },

    async get(key: string, range?: ByteRange): Promise<StoredBlob | undefined> {
      let handle;
      try {
        handle = await open(pathOf(key), 'r');
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
        throw error;
      }
      try {
        const { size } = await handle.stat();
        return { size, stream: handle.createReadStream(range ? { start: range.start, end: range.end } : {}) };
      } catch (error) {
        await handle.close();
        throw error;
      }
    },

    async delete(key) {
      await rm(pathOf(key), { force: true });
    },
  };
}
