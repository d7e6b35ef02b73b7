import type { Readable } from 'node:stream';

/** Bytes stored under a key, read back as a stream. */
export interface StoredBlob {
  /** Total size in bytes of the blob (not of the range asked for). */
  size: number;
  stream: Readable;
}

/** An inclusive byte range, as HTTP Range requests name it. */
export interface ByteRange {
  start: number;
  end: number;
}

/**
 * The blob port: photos and videos outside the database. A `put` is all or nothing: when the content fails
 * half-way (a refused upload, a dropped connection) nothing is left under the key.
 */
export interface BlobStore {
  put(key: string, content: AsyncIterable<Uint8Array> | Uint8Array): Promise<void>;
  /** The blob, or undefined when there is none under the key. */
  get(key: string, range?: ByteRange): Promise<StoredBlob | undefined>;
  /** Removes the blob; removing a missing one is not an error. */
  delete(key: string): Promise<void>;
}
