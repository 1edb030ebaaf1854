import type { Tx } from '../../db/client.js';
import { insertOutboxRow } from './notifications.repository.js';

/**
 * The one line another module adds to a transaction to send a reminder: written to the outbox with the
 * change (so it exists exactly when the change does), delivered by the notification worker.
 */
export function remind(tx: Tx, districtId: string, topic: string, payload: Record<string, unknown>): Promise<void> {
  return insertOutboxRow(tx, districtId, topic, payload);
}
