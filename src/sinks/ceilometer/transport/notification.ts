import { randomUUID } from 'node:crypto';
import type { WireSample } from './types.js';

/** What `ceilometer-polling` puts in the notifications it sends (§4a of the Ceilometer reference). */
export const POLLING_PUBLISHER_ID = 'ceilometer.polling';
export const POLLING_EVENT_TYPE = 'telemetry.polling';

/** oslo.messaging's timestamp: `str(datetime.utcnow())`, e.g. `2026-11-25 03:41:09.968000` (UTC, no zone). */
export function osloTimestamp(date: Date): string {
  return `${date.toISOString().slice(0, 23).replace('T', ' ')}000`;
}

export interface NotificationIds {
  messageId: string;
  uniqueId: string;
}

function newIds(): NotificationIds {
  return { messageId: randomUUID(), uniqueId: randomUUID().replace(/-/g, '') };
}

/**
 * The AMQP body of one `telemetry.polling` sample notification, exactly as oslo.messaging's
 * messagingv2 driver sends it: the v2.0 envelope whose `oslo.message` is the JSON text of the
 * inner message (with an empty context, so no `_context_*` keys).
 */
export function notificationBody(
  samples: readonly WireSample[],
  options: { publisherId?: string; now?: Date; ids?: NotificationIds } = {},
): Buffer {
  const ids = options.ids ?? newIds();
  const inner = {
    message_id: ids.messageId,
    publisher_id: options.publisherId ?? POLLING_PUBLISHER_ID,
    event_type: POLLING_EVENT_TYPE,
    priority: 'SAMPLE',
    payload: { samples },
    timestamp: osloTimestamp(options.now ?? new Date()),
    _unique_id: ids.uniqueId,
  };
  return Buffer.from(
    JSON.stringify({ 'oslo.version': '2.0', 'oslo.message': JSON.stringify(inner) }),
    'utf8',
  );
}

/** The message properties oslo.messaging's rabbit driver sets on every notification. */
export const NOTIFICATION_PROPERTIES = {
  contentType: 'application/json',
  contentEncoding: 'utf-8',
  deliveryMode: 2,
} as const;

/** Splits `items` into consecutive slices of at most `size`. */
export function chunks<T>(items: readonly T[], size: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}
