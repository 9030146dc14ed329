/** How a usage window is answered from the sums: the fewest items, whole months and days only when they are whole. */
import { describe, expect, it } from 'vitest';
import { periodsFrom, sumFigures, sumReads } from '#shared/domain/metering.ts';

const d = (s: string) => new Date(s);
const reads = (from: string, to: string, cursor?: string, months?: boolean) =>
  sumReads(d(from), d(to), cursor ? d(cursor) : undefined, { months }).map((r) => `${r.grain} ${r.from.toISOString().slice(0, 16)}→${r.to.toISOString().slice(0, 16)}`);

describe('sumReads', () => {
  it('answers the month so far with one month sum once nothing later is metered', () => {
    expect(reads('2026-12-01T00:00:00Z', '2026-12-17T10:20:00Z', '2026-12-17T10:00:00Z')).toEqual(['M 2026-12-01T00:00→2027-01-01T00:00']);
  });

  it('reads periods for the part of a day the window does not cover whole', () => {
    expect(reads('2026-12-01T00:00:00Z', '2026-12-17T10:20:00Z', '2026-12-17T12:00:00Z')).toEqual([
      'D 2026-12-01T00:00→2026-12-17T00:00',
      'P 2026-12-17T00:00→2026-12-17T10:20',
    ]);
    expect(reads('2026-11-16T09:30:00Z', '2026-12-17T09:30:00Z', undefined)).toEqual([
      'P 2026-11-16T09:30→2026-11-17T00:00',
      'D 2026-11-17T00:00→2026-12-17T00:00',
      'P 2026-12-17T00:00→2026-12-17T09:30',
    ]);
  });

  it('uses whole months inside a window, and no months for a per-day answer', () => {
    expect(reads('2026-10-01T00:00:00Z', '2026-12-02T00:00:00Z', '2026-12-05T00:00:00Z')).toEqual(['M 2026-10-01T00:00→2026-12-01T00:00', 'D 2026-12-01T00:00→2026-12-02T00:00']);
    expect(reads('2026-11-01T00:00:00Z', '2026-11-03T00:00:00Z', '2026-12-05T00:00:00Z', false)).toEqual(['D 2026-11-01T00:00→2026-11-03T00:00']);
  });

  it('reads nothing for an empty window', () => {
    expect(reads('2026-11-01T00:00:00Z', '2026-11-01T00:00:00Z')).toEqual([]);
  });
});

describe('sumFigures', () => {
  it('adds every figure and rounds to 1e-6 as the records are', () => {
    const one = { runningHours: 0.1, cpuCoreHours: 0.2, memoryGiBHours: 0.4, storageGiBHours: 2, replicaHours: 0.2 };
    expect(sumFigures([one, one, one])).toEqual({ runningHours: 0.3, cpuCoreHours: 0.6, memoryGiBHours: 1.2, storageGiBHours: 6, replicaHours: 0.6 });
    expect(sumFigures([])).toEqual({ runningHours: 0, cpuCoreHours: 0, memoryGiBHours: 0, storageGiBHours: 0, replicaHours: 0 });
  });
});

describe('periodsFrom', () => {
  const spans = (from: string, to: string, minutes: number) => periodsFrom(d(from), d(to), minutes).map((p) => `${p.start.toISOString().slice(11, 16)}→${p.end.toISOString().slice(11, 16)}`);
  it('steps in whole periods from a cursor on a boundary', () => {
    expect(spans('2026-12-01T10:00:00Z', '2026-12-01T13:00:00Z', 60)).toEqual(['10:00→11:00', '11:00→12:00', '12:00→13:00']);
  });
  it('after the period changed, first finishes the old one up to the next boundary: nothing is metered twice', () => {
    expect(spans('2026-12-01T10:37:00Z', '2026-12-01T12:00:00Z', 60)).toEqual(['10:37→11:00', '11:00→12:00']);
  });
});
