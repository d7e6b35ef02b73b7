import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';
import { webSourceHash } from '../../web/source-hash.ts';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
const dist = path.join(repoRoot, 'web', 'dist');

describe('the committed web build', () => {
  it('exists, so a fresh clone serves the UI without building it', () => {
    assert.ok(existsSync(path.join(dist, 'index.html')), 'web/dist/index.html is missing: run npm run build:web');
  });

  it('was built from the web sources as they are now', () => {
    const info = JSON.parse(readFileSync(path.join(dist, 'build-info.json'), 'utf8')) as { sourceHash: string };
    assert.equal(info.sourceHash, webSourceHash(repoRoot), 'web/dist is stale: run npm run build:web and commit web/dist');
  });

  it('ships no source maps', () => {
    const index = readFileSync(path.join(dist, 'index.html'), 'utf8');
    const entry = /src="(\/assets\/[^"]+\.js)"/.exec(index)?.[1];
    assert.ok(entry, 'index.html loads a script from /assets');
    assert.doesNotMatch(readFileSync(path.join(dist, entry), 'utf8'), /sourceMappingURL/);
  });
});
