import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { checkPixelBudget, imageDimensions } from './image-dimensions.ts';
import { heicHeader, jpeg, png, webpHeader } from './sample-media.fixture.ts';

describe('image dimensions from the header', () => {
  it('reads width and height of each image type without decoding', () => {
    assert.deepEqual(imageDimensions(jpeg(20, 12)), { width: 20, height: 12 });
    assert.deepEqual(imageDimensions(jpeg(16, 9, { padding: 60_000 })), { width: 16, height: 9 }, 'behind a large EXIF segment');
    assert.deepEqual(imageDimensions(png(3, 5)), { width: 3, height: 5 });
    assert.deepEqual(imageDimensions(webpHeader(640, 480)), { width: 640, height: 480 });
    assert.deepEqual(imageDimensions(heicHeader(4032, 3024)), { width: 4032, height: 3024 });
  });

  it('sees the size a PNG header claims even when its pixel data is a few bytes', () => {
    assert.deepEqual(imageDimensions(png(50_000, 50_000, { pixels: false })), { width: 50_000, height: 50_000 });
  });

  it('refuses more pixels than the budget, and a header it cannot read', () => {
    assert.throws(() => checkPixelBudget({ width: 50_000, height: 50_000 }, 40_000_000), (error: Error & { status?: number }) =>
      error.status === 413 && /50000×50000/.test(error.message));
    assert.doesNotThrow(() => checkPixelBudget({ width: 8000, height: 5000 }, 40_000_000));
    assert.throws(() => imageDimensions(Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0x00])), (error: Error & { status?: number }) => error.status === 415);
  });
});
