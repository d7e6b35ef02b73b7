import { createHash, randomUUID } from 'node:crypto';
import type { BlobStore } from '../ports/blob-store.ts';
import { checkPixelBudget, imageDimensions, type Dimensions } from './image-dimensions.ts';
import { mediaLimits, sniffBytes, sniffMedia, type DeclaredMedia, type SniffedMedia } from './media-types.ts';
import { ContentTooLarge } from './upload-errors.ts';

export interface IncomingFile extends DeclaredMedia {
  /** The bytes as they arrive. On a refusal the iterator is returned early: the caller drains what is left. */
  content: AsyncIterable<Uint8Array>;
}

/** An upload whose bytes are stored under `id` and checked, not yet recorded in the database. */
export interface ReceivedUpload {
  id: string;
  contentType: string;
  size: number;
  sha256: string;
  dimensions: Dimensions | null;
}

/**
 * Streams an upload into the blob store while checking it: the type is sniffed from the first bytes (before the
 * rest is written), the size limit of that type is enforced as bytes arrive, and an image's header must name a
 * size within the pixel budget. A refused upload leaves no blob behind.
 */
export async function receiveUpload(blobs: BlobStore, file: IncomingFile): Promise<ReceivedUpload> {
  const id = randomUUID();
  const hash = createHash('sha256');
  const imageBytes: Uint8Array[] = [];
  let media: SniffedMedia | undefined;
  let dimensions: Dimensions | null = null;
  let size = 0;

  function admit(chunk: Uint8Array): Uint8Array {
    const kind = (media as SniffedMedia).kind;
    size += chunk.byteLength;
    if (size > mediaLimits.maxBytes[kind]) {
      throw new ContentTooLarge(`a ${kind} may be at most ${mediaLimits.maxBytes[kind] / 1024 / 1024} MB`, { field: 'file' });
    }
    hash.update(chunk);
    // Images are at most 10 MB: kept whole, because a JPEG's size can sit behind large metadata segments.
    if (kind === 'image') imageBytes.push(chunk);
    return chunk;
  }

  async function* checked(): AsyncGenerator<Uint8Array> {
    const head: Uint8Array[] = [];
    let headBytes = 0;
    /** Decides what the file is from the bytes held back so far, then lets them through. */
    const identified = async () => {
      const bytes = Buffer.concat(head);
      media = await sniffMedia(bytes, file);
      return admit(bytes);
    };
    for await (const chunk of file.content) {
      if (media) {
        yield admit(chunk);
        continue;
      }
      head.push(chunk);
      headBytes += chunk.byteLength;
      if (headBytes >= sniffBytes) yield await identified();
    }
    // A file shorter than the sniffing window.
    if (!media) yield await identified();
    // Checked before the generator ends, so a refused image is never renamed into place.
    if ((media as SniffedMedia).kind === 'image') {
      dimensions = imageDimensions(Buffer.concat(imageBytes));
      checkPixelBudget(dimensions, mediaLimits.maxPixels);
    }
  }

  await blobs.put(id, checked());
  return { id, contentType: (media as SniffedMedia).contentType, size, sha256: hash.digest('hex'), dimensions };
}
