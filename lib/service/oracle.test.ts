/**
 * The differential oracle (lib/testing/oracle.ts) on the embedded engine: every cached and
 * incremental answer against the same request computed from scratch, over seeded random
 * sequences of user requests with live data arriving between them. A failure prints the
 * shrunk sequence of steps that breaks a rule.
 */
import fc from 'fast-check';
import { afterAll, beforeAll, describe, it } from 'vitest';
import { embeddedWorld, FRESHNESS } from '@/lib/testing/embedded-world';
import { runScenario, scenarioArb } from '@/lib/testing/oracle';
import { oracleService } from '@/lib/testing/oracle-service';

/** Enough sequences that each wrong answer the oracle was built for shows up in the default run. */
const RUNS = Number(process.env.ORACLE_RUNS ?? 150);
const SEED = Number(process.env.ORACLE_SEED ?? 20261203);

let world: Awaited<ReturnType<typeof embeddedWorld>>;
beforeAll(async () => {
  world = await embeddedWorld();
}, 120_000);
afterAll(() => world?.close());

describe('differential oracle: cached and incremental answers equal uncached ones', () => {
  it(`holds over ${RUNS} sequences of user requests (seed ${SEED})`, async () => {
    const service = oracleService(world, FRESHNESS);
    await fc.assert(
      fc.asyncProperty(scenarioArb, async (scenario) => {
        const problem = await runScenario(world, service, scenario);
        if (problem) throw new Error(problem);
      }),
      { numRuns: RUNS, seed: SEED, endOnFailure: false, interruptAfterTimeLimit: 240_000, markInterruptAsFailure: true },
    );
  }, 300_000);
});
