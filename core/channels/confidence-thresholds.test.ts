import assert from 'node:assert/strict';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, it } from 'node:test';
import { loadStandardsCatalog } from '../../standards/catalog.ts';
import { StandardsDataError } from '../../standards/validated-json.ts';
import { loadConfidenceThresholds, thresholdsFile } from './confidence-thresholds.ts';

describe('video confidence thresholds', () => {
  it('gives listed classes their own threshold and the rest the default', () => {
    const thresholds = loadConfidenceThresholds();
    assert.equal(thresholds.video('06020'), 0.9);
    assert.equal(thresholds.video('06010'), 0.7);
    assert.equal(thresholds.video('01001'), 0.8);
  });

  it('lists only GB/T 47678.5 event classes that exist', async () => {
    const catalog = loadStandardsCatalog();
    const data = JSON.parse(await readFile(thresholdsFile, 'utf8')) as { video: { classes: Array<{ classCode: string; nameZh?: string }> } };
    for (const entry of data.video.classes) {
      assert.equal(catalog.getClass('gbt47678', 'event', entry.classCode)?.nameZh, entry.nameZh, entry.classCode);
    }
  });

  it('refuses a class listed twice, naming the file and the entry', async () => {
    const dir = await mkdtemp(path.join(tmpdir(), 'citycase-thresholds-'));
    try {
      const file = path.join(dir, 'thresholds.json');
      const twice = { video: { default: 0.8, classes: [{ classCode: '06010', threshold: 0.7 }, { classCode: '06010', threshold: 0.9 }] } };
      await writeFile(file, JSON.stringify(twice));
      assert.throws(() => loadConfidenceThresholds(file), (error) => error instanceof StandardsDataError && error.jsonPath === '/video/classes/1/classCode');
      await writeFile(file, JSON.stringify({ video: { default: 1.5, classes: [] } }));
      assert.throws(() => loadConfidenceThresholds(file), StandardsDataError);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});
