/**
 * The services-orchestration benchmark (`BENCH_ONLY=orchestration npm run bench`, or `npx vitest run --config
 * bench/vitest.instances.config.ts bench/orchestration.bench.test.ts`; it also runs with the instance
 * benchmarks under `BENCH_ONLY=instances`): on the test run's DynamoDB Local and in-process workflow runner
 * (Wait states 10 ms), simulated driver at zero delay (DRIVER_DELAY_SECONDS=0), through the real handlers.
 *
 * Time from CreateServicesOrchestration to the orchestration RUNNING for 1, 5 and 20 deployments over two
 * services, in two shapes: a chain (each deployment depends on the one before and is fed its `url` output)
 * and a fan-out (one root, every other deployment depending on it and fed its output). Then Delete until the
 * orchestration is gone. Reported with the rounds the workflow took and the stored item's size; no timing
 * assertions.
 */
import { describe, expect, it } from 'vitest';
import { getServicesOrchestration } from '#shared/data/entities/services-orchestration.ts';
import { storedSize } from '#shared/data/item-limits.ts';
import { createO, deleteO, deployment, twoServices } from '../test/handler/services-orchestration/fixtures.ts';
import { ms, table } from './report.ts';

const SIZES = (process.env.BENCH_ORCHESTRATION_SIZES ?? '1,5,20').split(',').map(Number);

async function until(id: string, done: (status: string | undefined) => boolean, timeoutMs = 300_000) {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const item = await getServicesOrchestration(id);
    if (done(item?.status)) return item;
    if (Date.now() > deadline) throw new Error(`orchestration ${id} still ${item?.status}`);
    await new Promise((r) => setTimeout(r, 5));
  }
}

describe('services orchestration benchmark', () => {
  it('Create → RUNNING and Delete → gone for 1, 5 and 20 deployments, chain and fan-out', { timeout: 1_200_000 }, async () => {
    const s = await twoServices();
    const path = (i: number) => (i % 2 ? s.b.path : s.a.path);
    const fed = (from: string) => ({ password: `after-{{ aliases.${from}.result_params.url }}` });
    const shapes = {
      chain: (n: number) => Array.from({ length: n }, (_, i) => (i ? deployment(`d${i}`, path(i), fed(`d${i - 1}`), [`d${i - 1}`]) : deployment('d0', path(0)))),
      'fan-out': (n: number) => Array.from({ length: n }, (_, i) => (i ? deployment(`d${i}`, path(i), fed('d0'), ['d0']) : deployment('d0', path(0)))),
    };
    const rows: string[][] = [];
    // Warm-up (module loading, the first workflow), not measured.
    const warm = await createO(s.customer.token, { deployments: shapes.chain(2) });
    expect(warm.status, warm.body).toBe(202);
    await until(warm.json.id, (st) => st === 'RUNNING' || st === 'FAILED');
    await deleteO(s.customer.token, warm.json.id);
    await until(warm.json.id, (st) => st === undefined);
    for (const n of SIZES) {
      for (const [shape, build] of Object.entries(shapes)) {
        if (n === 1 && shape === 'fan-out') continue; // one deployment has one shape
        const t0 = performance.now();
        const res = await createO(s.customer.token, { deployments: build(n) });
        expect(res.status, res.body).toBe(202);
        const accepted = performance.now() - t0;
        const up = await until(res.json.id, (st) => st === 'RUNNING' || st === 'FAILED');
        const running = performance.now() - t0;
        expect(up!.status, JSON.stringify(up!.deployments.find((d) => d.status !== 'RUNNING'))).toBe('RUNNING');
        expect(up!.deployments.every((d) => d.status === 'RUNNING' && d.instanceId)).toBe(true);
        const t1 = performance.now();
        expect((await deleteO(s.customer.token, res.json.id)).status).toBe(202);
        await until(res.json.id, (st) => st === undefined);
        const gone = performance.now() - t1;
        rows.push([shape, String(n), ms(accepted), ms(running), ms(running / n), String(up!.polls), `${(storedSize(up!) / 1024).toFixed(1)} KiB`, ms(gone)]);
      }
    }
    table(
      'Services orchestration: Create → RUNNING and Delete → gone (simulated driver at zero delay, Wait states 10 ms)',
      ['shape', 'deployments', 'Create answered', 'Create → RUNNING', 'per deployment', 'rounds', 'item', 'Delete → gone'],
      rows,
    );
  });
});
