import assert from 'node:assert/strict';
import { PassThrough } from 'node:stream';
import { describe, it } from 'node:test';
import { calendarCommand } from './calendar.command.ts';

// 17:00 on the last working day before the 2026 National Day week.
const fixedClock = { now: () => new Date('2026-09-30T09:00:00Z') };

async function run(...args: string[]): Promise<string> {
  const out = new PassThrough();
  let text = '';
  out.on('data', (chunk: Buffer) => (text += chunk.toString('utf8')));
  await calendarCommand(args, out, fixedClock);
  return text;
}

describe('citycase calendar due', () => {
  it('prints the due time with +08:00', async () => {
    assert.equal(await run('due', '--from', '2026-09-30T17:00', '--limit', '2 工作时'), '2026-10-08T09:00:00+08:00\n');
    assert.equal(await run('due', '--from=2026-09-30T09:00:00Z', '--limit=24 小时'), '2026-10-01T17:00:00+08:00\n');
  });

  it('starts from now without --from', async () => {
    assert.equal(await run('due', '--limit', '4工作时'), '2026-10-08T11:00:00+08:00\n');
  });

  it('adds a note when the due time is approximate', async () => {
    const lines = (await run('due', '--from', '2026-12-31T17:00', '--limit', '2 工作时')).trimEnd().split('\n');
    assert.equal(lines[0], '2027-01-01T09:00:00+08:00');
    assert.match(lines[1] ?? '', /^note: approximate: .*without holiday data/);
  });
});

describe('citycase calendar between', () => {
  it('prints the working time as 工作时 and milliseconds', async () => {
    assert.equal(await run('between', '--from', '2026-09-30T08:00', '--to', '2026-10-09T10:15'), '18.25 工作时 (65700000 ms)\n');
  });
});

describe('citycase calendar with bad arguments', () => {
  const cases: Array<[string[], RegExp]> = [
    [[], /^use: calendar due/],
    [['soon'], /^unknown calendar command "soon"/],
    [['due', '--from', '2026-09-30T17:00'], /needs --limit/],
    [['due', '--limit', '2 weeks'], /^--limit: "2 weeks" is not a time limit/],
    [['due', '--from', 'yesterday', '--limit', '2 工作时'], /^--from: "yesterday" is not an ISO-8601 date-time/],
    [['between', '--to', '2026-02-30'], /^--to: "2026-02-30"/],
    [['between', '--limit', '2 工作时'], /^unknown option --limit/],
    [['due', 'extra', '--limit', '2 工作时'], /^unexpected "extra"/],
  ];
  for (const [args, message] of cases) {
    it(`rejects "${args.join(' ')}" with a one-line message`, async () => {
      await assert.rejects(run(...args), (error: Error) => {
        assert.match(error.message, message);
        assert.ok(!error.message.includes('\n'));
        return true;
      });
    });
  }
});
