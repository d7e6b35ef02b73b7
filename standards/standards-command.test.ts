import assert from 'node:assert/strict';
import path from 'node:path';
import { PassThrough } from 'node:stream';
import { describe, it } from 'node:test';
import { standardsCommand } from '../cli/standards.command.ts';

async function run(args: string[]): Promise<string> {
  const out = new PassThrough();
  let text = '';
  out.on('data', (chunk: Buffer) => (text += chunk.toString('utf8')));
  await standardsCommand(args, out);
  return text;
}

const exported = async (args: string[]): Promise<{ code: string; nameZh: string; origin: string }[]> =>
  JSON.parse(await run(['export', ...args])) as { code: string; nameZh: string; origin: string }[];

const demoOverlay = path.join(import.meta.dirname, 'datasets', 'overlays', 'demo-city.json');

describe('citycase standards', () => {
  it('exports each scheme and kind with official codes and Chinese names', async () => {
    assert.equal((await exported(['--scheme', 'gbt47678', '--kind', 'component'])).length, 153);
    assert.equal((await exported(['--scheme', 'gbt47678', '--kind', 'event'])).length, 250);
    assert.equal((await exported(['--scheme=legacy', '--kind=component'])).length, 85);
    const [first] = await exported(['--scheme', 'gbt47678', '--kind', 'component']);
    assert.deepEqual(first && { code: first.code, nameZh: first.nameZh }, { code: '01001', nameZh: '供水井盖' });
    assert.equal((await exported([])).length, 153 + 250 + 85 + 16);
  });

  it('exports the overlay view of a city', async () => {
    const events = await exported(['--scheme', 'gbt47678', '--kind', 'event', '--overlay', demoOverlay]);
    assert.equal(events.find((entry) => entry.code === '06010')?.nameZh, '暴露生活垃圾');
    assert.equal(events.some((entry) => entry.code === '09014'), false);
    assert.equal(events.find((entry) => entry.code === '09901')?.origin, 'extension');
  });

  it('checks the data and prints one summary line', async () => {
    const line = await run(['check']);
    assert.match(line, /^standards ok: gbt47678 component 153, event 250; legacy component 85, event 16; .*\n$/);
    assert.equal(line.trim().split('\n').length, 1);
    assert.match(await run(['check', '--overlay', demoOverlay]), /overlay 示范市 .*3 extensions, 1 renamed, 1 disabled, 1 rule overrides\n$/);
  });

  it('fails on a broken overlay with the file and the rule', async () => {
    // 06031 is a gap in the national list
    const broken = path.join(import.meta.dirname, 'test-fixtures', 'overlay-missing-class.json');
    await assert.rejects(run(['check', '--overlay', broken]), /overlay-missing-class\.json: \/renames\/0\/code: class-exists: /);
  });

  it('rejects bad arguments with a one-line message', async () => {
    await assert.rejects(run(['export', '--scheme', 'cjt214']), { message: 'standards export: --scheme must be gbt47678 or legacy, got "cjt214"' });
    await assert.rejects(run(['export', '--kind']), { message: 'standards export: --kind needs a value' });
    await assert.rejects(run(['check', '--scheme', 'legacy']), /standards check: unknown argument "--scheme"/);
    await assert.rejects(run(['import']), /standards: unknown subcommand "import"/);
    await assert.rejects(run([]), /standards: missing subcommand/);
  });
});
