import { MultipleErrors, NetworkError, ProtocolError } from '@platformatic/kafka';
import { describe, expect, it } from 'vitest';
import { DeadlineError } from './deadline';
import { sendAgain } from './fresh-producer';

/** A send's failure as the client reports it: its attempts' errors, and what part of the batch was acknowledged. */
const failed = (errors: Error[], acknowledged: { topic: string; partition: number; offset: bigint }[] = []) => Object.assign(new MultipleErrors('produce failed 6 times.', errors), { produced: { offsets: acknowledged } });

describe('sendAgain: when the same client may send a failed batch again', () => {
  it('after retriable refusals with nothing acknowledged (a leader that moved, a broker that was down)', () => {
    expect(sendAgain(failed([new ProtocolError('NOT_LEADER_OR_FOLLOWER'), new ProtocolError('NOT_LEADER_OR_FOLLOWER')]))).toBe(true);
    expect(sendAgain(failed([new NetworkError('Connection closed')]))).toBe(true);
  });

  it('not after an error that is not retriable (the client must start over with a new producer id)', () => {
    expect(sendAgain(failed([new ProtocolError('NOT_LEADER_OR_FOLLOWER'), new ProtocolError('OUT_OF_ORDER_SEQUENCE_NUMBER')]))).toBe(false);
  });

  it('also when part of the batch was acknowledged (the rest is sent again)', () => {
    expect(sendAgain(failed([new ProtocolError('NOT_LEADER_OR_FOLLOWER')], [{ topic: 'pulse.cluster_metrics', partition: 0, offset: 7n }]))).toBe(true);
  });

  it('not after the deadline, nor for an error the client did not raise', () => {
    expect(sendAgain(new DeadlineError('Kafka send of 4 messages: no result after 60.0 s'))).toBe(false);
    expect(sendAgain(new TypeError("Cannot read properties of undefined (reading 'host')"))).toBe(false);
  });
});
