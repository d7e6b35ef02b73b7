import { fileTypeFromBuffer } from 'file-type';
import { Invalid } from '../errors.ts';
import { UnsupportedMediaType } from './upload-errors.ts';

export type MediaKind = 'image' | 'video';

/**
 * The photos and videos a case may carry, grouped by container. Phones label the members of one group either
 * way (an iPhone's HEIC may come as image/heif, a .mov as video/mp4), so a label from the same group agrees.
 */
interface MediaGroup {
  kind: MediaKind;
  /** Types file-type reports for these bytes. */
  types: readonly string[];
  /** Other labels clients send for them. */
  aliases: readonly string[];
  extensions: readonly string[];
}

const groups: readonly MediaGroup[] = [
  { kind: 'image', types: ['image/jpeg'], aliases: ['image/jpg', 'image/pjpeg'], extensions: ['jpg', 'jpeg', 'jfif'] },
  { kind: 'image', types: ['image/png'], aliases: [], extensions: ['png'] },
  { kind: 'image', types: ['image/webp'], aliases: [], extensions: ['webp'] },
  { kind: 'image', types: ['image/heic', 'image/heif'], aliases: [], extensions: ['heic', 'heif'] },
  { kind: 'video', types: ['video/mp4', 'video/quicktime'], aliases: [], extensions: ['mp4', 'm4v', 'mov'] },
];

export const mediaLimits = {
  maxBytes: { image: 10 * 1024 * 1024, video: 100 * 1024 * 1024 } satisfies Record<MediaKind, number>,
  /** More pixels than a phone camera takes; a header claiming more is a decompression bomb, not a photo. */
  maxPixels: 40_000_000,
};

/** file-type needs at most this many leading bytes to recognise every type above. */
export const sniffBytes = 4100;

export interface SniffedMedia {
  contentType: string;
  kind: MediaKind;
}

export interface DeclaredMedia {
  /** The Content-Type the client sent with the file part. */
  declaredType?: string | null;
  filename?: string | null;
}

const unclaimed = new Set(['', 'application/octet-stream', 'binary/octet-stream']);

function extensionOf(filename: string | null | undefined): string | null {
  const match = /\.([a-z0-9]{1,8})$/i.exec(filename ?? '');
  return match ? (match[1] as string).toLowerCase() : null;
}

/**
 * Identifies a file from its leading bytes and checks them against what the client said it was. A type the
 * platform does not keep, or a label (Content-Type or file extension) naming a different type, is refused.
 */
export async function sniffMedia(head: Uint8Array, declared: DeclaredMedia = {}): Promise<SniffedMedia> {
  if (head.byteLength === 0) throw new Invalid('the file is empty', { field: 'file' });
  const detected = await fileTypeFromBuffer(head);
  const group = detected && groups.find((candidate) => candidate.types.includes(detected.mime));
  if (!detected || !group) {
    throw new UnsupportedMediaType(
      `the file is ${detected ? detected.mime : 'not a recognised format'}: send a JPEG, PNG, WebP or HEIC photo, or an MP4 or MOV video`,
      { field: 'file' },
    );
  }
  const declaredType = (declared.declaredType ?? '').split(';')[0]!.trim().toLowerCase();
  if (!unclaimed.has(declaredType) && ![...group.types, ...group.aliases].includes(declaredType)) {
    throw new UnsupportedMediaType(`the bytes are ${detected.mime} but the file was sent as ${declaredType}`, { field: 'file' });
  }
  const extension = extensionOf(declared.filename);
  const extensionGroup = extension && groups.find((candidate) => candidate.extensions.includes(extension));
  if (extensionGroup && extensionGroup !== group) {
    throw new UnsupportedMediaType(`the bytes are ${detected.mime} but the file is named .${extension}`, { field: 'file' });
  }
  return { contentType: detected.mime, kind: group.kind };
}
