import { createHash } from 'node:crypto';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';

/**
 * The files a web build is made from, relative to the repository root. The diagram lint config is bundled into the
 * modeler, so the file that defines it counts as a source of the UI too.
 */
const inputRoots = ['web/src', 'web/index.html', 'web/vite.config.ts', 'web/source-hash.ts', 'workflows/lint/lint-diagram.ts'];

function filesUnder(root: string, relative: string): string[] {
  const full = path.join(root, relative);
  const entries = readdirSync(full, { withFileTypes: true, recursive: true });
  return entries.filter((e) => e.isFile()).map((e) => path.relative(root, path.join(e.parentPath, e.name)));
}

/** sha256 over the sorted input paths and their bytes: what web/dist/build-info.json records and CI recomputes. */
export function webSourceHash(repoRoot: string): string {
  const files = inputRoots
    .flatMap((input) => (statSync(path.join(repoRoot, input)).isDirectory() ? filesUnder(repoRoot, input) : [input]))
    .map((file) => file.split(path.sep).join('/'))
    .sort();
  const hash = createHash('sha256');
  for (const file of files) {
    hash.update(`${file}\0`);
    hash.update(readFileSync(path.join(repoRoot, file)));
    hash.update('\0');
  }
  return hash.digest('hex');
}
