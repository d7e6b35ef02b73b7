import { imageSize } from 'image-size';
import { ContentTooLarge, UnsupportedMediaType } from './upload-errors.ts';

export interface Dimensions {
  width: number;
  height: number;
}

/**
 * Pixel dimensions read from the image's header, without decoding it. A HEIC lists each tile and the whole
 * picture; the largest is what a decoder would allocate, so that one counts.
 */
export function imageDimensions(bytes: Uint8Array): Dimensions {
  let measured;
  try {
    measured = imageSize(bytes);
  } catch {
    throw new UnsupportedMediaType('the image header cannot be read', { field: 'file' });
  }
  const largest = [measured, ...(measured.images ?? [])].reduce((a, b) => (b.width * b.height > a.width * a.height ? b : a));
  if (!(largest.width > 0 && largest.height > 0)) {
    throw new UnsupportedMediaType('the image header names no size', { field: 'file' });
  }
  return { width: largest.width, height: largest.height };
}

/** Refuses an image whose header claims more pixels than `maxPixels` (a decompression bomb, or no photo). */
export function checkPixelBudget(dimensions: Dimensions, maxPixels: number): void {
  const pixels = dimensions.width * dimensions.height;
  if (pixels > maxPixels) {
    throw new ContentTooLarge(
      `the image is ${dimensions.width}×${dimensions.height} (${pixels.toLocaleString('en')} pixels); at most ${maxPixels.toLocaleString('en')} pixels are accepted`,
      { field: 'file' },
    );
  }
}
