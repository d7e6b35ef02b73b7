import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { sniffMedia } from './media-types.ts';
import { heicHeader, jpeg, png, videoHeader, webpHeader } from './sample-media.fixture.ts';

const refusedWith = (status: number, pattern: RegExp) => (error: unknown) => {
  const failure = error as { status?: number; field?: string; message: string };
  return failure.status === status && failure.field === 'file' && pattern.test(failure.message);
};

describe('sniffing uploads', () => {
  it('recognises each kept type from its bytes alone', async () => {
    const samples: Array<[Buffer, string, string]> = [
      [jpeg(8, 8), 'image/jpeg', 'image'],
      [png(2, 2), 'image/png', 'image'],
      [webpHeader(640, 480), 'image/webp', 'image'],
      [heicHeader(4032, 3024), 'image/heic', 'image'],
      [videoHeader('isom'), 'video/mp4', 'video'],
      [videoHeader('qt  '), 'video/quicktime', 'video'],
    ];
    for (const [bytes, contentType, kind] of samples) {
      assert.deepEqual(await sniffMedia(bytes), { contentType, kind }, contentType);
    }
  });

  it('refuses text, PDFs and GIFs whatever they are called', async () => {
    await assert.rejects(sniffMedia(Buffer.from('just some text, honestly'), { declaredType: 'image/jpeg', filename: 'photo.jpg' }), refusedWith(415, /not a recognised format/));
    await assert.rejects(sniffMedia(Buffer.from('%PDF-1.7\n%âãÏÓ\n1 0 obj\n<<>>\nendobj\n')), refusedWith(415, /application\/pdf/));
    await assert.rejects(sniffMedia(Buffer.from('GIF89a\x01\x00\x01\x00\x00\x00\x00;', 'latin1')), refusedWith(415, /image\/gif/));
    await assert.rejects(sniffMedia(Buffer.alloc(0)), (error: unknown) => (error as { status: number }).status === 422);
  });

  it('refuses bytes that contradict the declared type or the file name', async () => {
    await assert.rejects(sniffMedia(png(2, 2), { declaredType: 'image/jpeg' }), refusedWith(415, /image\/png but the file was sent as image\/jpeg/));
    await assert.rejects(sniffMedia(png(2, 2), { filename: 'IMG_0001.JPG' }), refusedWith(415, /named \.jpg/));
    await assert.rejects(sniffMedia(jpeg(8, 8), { declaredType: 'text/plain' }), refusedWith(415, /sent as text\/plain/));
  });

  it('accepts the labels phones really send for a type, and no label at all', async () => {
    assert.equal((await sniffMedia(jpeg(8, 8), { declaredType: 'image/jpg; name=x', filename: 'x.JPEG' })).contentType, 'image/jpeg');
    assert.equal((await sniffMedia(heicHeader(10, 10), { declaredType: 'image/heif', filename: 'IMG_1.HEIC' })).contentType, 'image/heic');
    assert.equal((await sniffMedia(videoHeader('qt  '), { declaredType: 'video/mp4', filename: 'clip.mov' })).contentType, 'video/quicktime');
    assert.equal((await sniffMedia(png(2, 2), { declaredType: 'application/octet-stream', filename: 'upload.bin' })).contentType, 'image/png');
  });
});
