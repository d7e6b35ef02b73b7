import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { waterloggingState } from './waterlogging.ts';

const thresholds = { waterloggedDepthCm: 15, severeDepthCm: 25, maxReadingAgeMinutes: 30 };
const now = new Date('2026-07-20T15:00:00+08:00');
const minutesAgo = (minutes: number) => new Date(now.getTime() - minutes * 60_000);

describe('waterloggingState', () => {
  it('compares the depth with the point\'s thresholds, each threshold counting as reached', () => {
    assert.equal(waterloggingState({ depthCm: 0, measuredAt: minutesAgo(5) }, thresholds, now), 'normal');
    assert.equal(waterloggingState({ depthCm: 14.9, measuredAt: minutesAgo(5) }, thresholds, now), 'normal');
    assert.equal(waterloggingState({ depthCm: 15, measuredAt: minutesAgo(5) }, thresholds, now), 'waterlogged');
    assert.equal(waterloggingState({ depthCm: 24.9, measuredAt: minutesAgo(5) }, thresholds, now), 'waterlogged');
    assert.equal(waterloggingState({ depthCm: 25, measuredAt: minutesAgo(5) }, thresholds, now), 'severe');
  });

  it('shows 无数据 without a reading or when the latest is older than the point allows', () => {
    assert.equal(waterloggingState(null, thresholds, now), 'no-data');
    assert.equal(waterloggingState({ depthCm: 40, measuredAt: minutesAgo(30) }, thresholds, now), 'severe');
    assert.equal(waterloggingState({ depthCm: 40, measuredAt: minutesAgo(31) }, thresholds, now), 'no-data');
    assert.equal(waterloggingState({ depthCm: 40, measuredAt: minutesAgo(31) }, { ...thresholds, maxReadingAgeMinutes: 60 }, now), 'severe');
  });
});
