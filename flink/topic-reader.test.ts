/**
 * The topic reader's read_committed filter against a model of a partition's log: transactional
 * batches of several producers interleaved (each producer one transaction at a time, some
 * aborted, a producer id used again after an abort), plain batches between them, read in fetches
 * of random sizes as Kafka answers them (whole batches from the fetch offset; the aborted
 * transactions overlapping the range). What comes out must be every committed or plain record
 * once, in offset order.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { IS_CONTROL, IS_TRANSACTIONAL } from '@platformatic/kafka';
import { PartitionState, type Batch, type PartitionData } from './topic-reader';

type Step = { producer: number; kind: 'data' | 'commit' | 'abort' | 'plain'; records: number };
const marker = (type: number) => Buffer.from([0, 0, 0, type]); // control record key: version 0, type (0 abort, 1 commit)

/** The log the steps make, its aborted transactions (producer, first offset, marker offset) and the records a committed read returns. */
function buildLog(steps: Step[]) {
  const batches: Batch[] = [];
  const aborted: { producerId: bigint; firstOffset: bigint; last: bigint }[] = [];
  const open = new Map<number, { first: bigint; records: string[] }>();
  const expected: string[] = [];
  let offset = 0n;
  const append = (producer: number, attributes: number, values: (string | Buffer)[]) => {
    batches.push({ firstOffset: offset, lastOffsetDelta: values.length - 1, attributes, producerId: BigInt(producer), records: values.map((v, i) => (typeof v === 'string' ? { offsetDelta: i, value: Buffer.from(v) } : { offsetDelta: i, key: v, value: Buffer.alloc(0) })) });
    offset += BigInt(values.length);
  };
  const end = (producer: number, commit: boolean) => {
    const txn = open.get(producer)!;
    open.delete(producer);
    if (commit) expected.push(...txn.records);
    else aborted.push({ producerId: BigInt(producer), firstOffset: txn.first, last: offset });
    append(producer, IS_TRANSACTIONAL | IS_CONTROL, [marker(commit ? 1 : 0)]);
  };
  for (const s of steps) {
    const values = Array.from({ length: s.records }, (_, i) => `${offset + BigInt(i)}`);
    if (s.kind === 'plain') {
      append(-1, 0, values);
      expected.push(...values);
    } else if (s.kind === 'data') {
      if (!open.has(s.producer)) open.set(s.producer, { first: offset, records: [] });
      open.get(s.producer)!.records.push(...values);
      append(s.producer, IS_TRANSACTIONAL, values);
    } else if (open.has(s.producer)) end(s.producer, s.kind === 'commit');
  }
  for (const p of [...open.keys()]) end(p, true);
  // Offsets are the values, so the expected order is offset order.
  return { batches, aborted, expected: expected.sort((a, b) => Number(a) - Number(b)), end: offset };
}

/** Kafka's answer to a fetch from `from`: up to `max` whole batches ending at or after it, and the aborted transactions overlapping them. */
function fetch(log: ReturnType<typeof buildLog>, from: bigint, max: number): PartitionData {
  const records = log.batches.filter((b) => b.firstOffset + BigInt(b.lastOffsetDelta) >= from).slice(0, max);
  const to = records.length ? records.at(-1)!.firstOffset + BigInt(records.at(-1)!.lastOffsetDelta) : from;
  return { partitionIndex: 0, records, abortedTransactions: log.aborted.filter((a) => a.firstOffset <= to && a.last >= from).map(({ producerId, firstOffset }) => ({ producerId, firstOffset })) };
}

const steps = fc.array(
  fc.record({ producer: fc.integer({ min: 1, max: 3 }), kind: fc.constantFrom<Step['kind']>('data', 'data', 'commit', 'abort', 'plain'), records: fc.integer({ min: 1, max: 3 }) }),
  { maxLength: 60 },
);

describe('PartitionState (read_committed by partition and offset)', () => {
  it('returns every committed and plain record once, in offset order, whatever the fetch sizes', () => {
    fc.assert(
      fc.property(steps, fc.array(fc.integer({ min: 1, max: 5 }), { minLength: 1, maxLength: 20 }), (s, sizes) => {
        const log = buildLog(s);
        const state = new PartitionState();
        const out: string[] = [];
        for (let i = 0; state.next < log.end; i++) out.push(...state.take(fetch(log, state.next, sizes[i % sizes.length]!)).map(String));
        // Asked again at the end (a round with nothing new): nothing more.
        out.push(...state.take(fetch(log, 0n, 1_000)).map(String));
        expect(out).toEqual(log.expected);
      }),
      { numRuns: 300 },
    );
  });

  it('leaves out an aborted transaction whose abort marker comes in a later fetch', () => {
    const log = buildLog([{ producer: 1, kind: 'data', records: 2 }, { producer: 2, kind: 'data', records: 1 }, { producer: 1, kind: 'abort', records: 1 }, { producer: 1, kind: 'data', records: 1 }]);
    const state = new PartitionState();
    const first = state.take(fetch(log, 0n, 2)).map(String); // producer 1's data and producer 2's, no marker yet
    const rest = state.take(fetch(log, state.next, 10)).map(String);
    expect([...first, ...rest]).toEqual(log.expected);
    expect(log.expected).toEqual(['2', '4']); // producer 2's record and producer 1's next transaction (committed at the end)
  });
});
