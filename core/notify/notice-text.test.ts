import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { noticeText } from './notice-text.ts';

describe('notice text', () => {
  it('reads a supervision notice in Chinese with the case, the Beijing-time deadline and the comment', () => {
    const text = noticeText({
      kind: 'supervise',
      payload: {
        caseNumber: '2026112300001',
        className: '供水井盖',
        address: '人民路 100 号',
        deadline: '2026-11-23T05:00:00.000Z',
        overdue: true,
        comment: '请加快处置',
      },
    });
    assert.equal(text.title, '督办：案件 2026112300001');
    assert.equal(
      text.body,
      '案件 2026112300001（供水井盖，人民路 100 号）已被督办，请尽快处置并反馈。处置时限：2026-11-23 13:00（已超期）。意见：请加快处置',
    );
  });

  it('reads an unknown kind with missing facts as a plain notice', () => {
    assert.deepEqual(noticeText({ kind: 'inspection', payload: { deadline: 'not a date' } }), { title: '通知：案件', body: '案件有新的通知。' });
  });
});
