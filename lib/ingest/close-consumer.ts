import type { Consumer } from '@platformatic/kafka';
import { CLOSE_MS, closeQuietly, withDeadline } from './deadline';

/**
 * Leaves the consumer group and closes the client, never throwing. @platformatic/kafka 1.35 keeps
 * a group's coordinator for good once found (platformatic/kafka#290): while the broker that held
 * it is dead, leaving throws from inside the client (that broker is no longer in the metadata:
 * "Cannot read properties of undefined (reading 'host')") or waits. Then the connections are
 * closed without leaving, and the group drops the member when its session times out.
 */
export async function closeConsumer(consumer: Consumer<string, string, string, string>, label: string): Promise<void> {
  try {
    await withDeadline(new Promise<void>((resolve, reject) => consumer.close(true, (err) => (err ? reject(err) : resolve()))), CLOSE_MS, 'leaving the group');
  } catch (err) {
    console.error(`[${label}] closing without leaving the group:`, (err as Error).message);
    await closeQuietly(() => consumer.connections.close(), 'closing the connections');
  }
}
