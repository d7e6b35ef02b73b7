import assert from 'node:assert/strict';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, it } from 'node:test';
import { caseDocuments } from './case-documents.ts';
import { loadNoticeTemplates, rawOutputs } from './notice-templates.ts';

describe('notice templates', () => {
  it('finds every place a template would print without escaping', () => {
    assert.deepEqual(rawOutputs('<p>{{case.description}}</p>'), []);
    assert.deepEqual(rawOutputs('<p>{{{case.description}}}</p>\n{{#each history}}{{&comment}}{{/each}}'), ['1:3', '2:17']);
  });

  it('ships one template per document, none of them printing raw', () => {
    const templates = loadNoticeTemplates();
    for (const document of caseDocuments) assert.ok(templates.has(document.name), document.name);
  });

  it('refuses to load a template that skips escaping, naming the file and place', async () => {
    const dir = await mkdtemp(path.join(tmpdir(), 'citycase-templates-'));
    try {
      await mkdir(path.join(dir, 'partials'));
      await writeFile(path.join(dir, 'partials', 'footer.hbs'), '<footer>{{{issuer}}}</footer>');
      await writeFile(path.join(dir, 'dispatch-notice.hbs'), '{{> footer}}');
      assert.throws(() => loadNoticeTemplates(dir), /footer\.hbs: unescaped output .* at 1:8/);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });

  it('makes a misspelt field an error rather than an empty cell', async () => {
    const dir = await mkdtemp(path.join(tmpdir(), 'citycase-templates-'));
    try {
      await mkdir(path.join(dir, 'partials'));
      await writeFile(path.join(dir, 'closing-notice.hbs'), '<p>{{case.caseNumbr}}</p>');
      const render = loadNoticeTemplates(dir).get('closing-notice')!;
      assert.throws(() => render({ case: { caseNumber: '2026112300001' } }), /caseNumbr/);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});
