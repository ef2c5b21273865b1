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
 * A wire sample that wrote its own JSON text once, when it was made ({@link osloJson}); any other
 * sample is serialised for each notification that carries it.
 */
export interface PreEncodedSample {
  /** `JSON.stringify` of the sample, escaped as it sits inside the `oslo.message` string. */
  osloJson(): string;
}

/** `text` as the content of a JSON string: what the v2.0 envelope's second encoding makes of it. */
export function jsonStringContent(text: string): string {
  return JSON.stringify(text).slice(1, -1);
}

function osloJsonOf(sample: WireSample): string {
  const own = (sample as Partial<PreEncodedSample>).osloJson;
  return typeof own === 'function' ? own.call(sample) : jsonStringContent(JSON.stringify(sample));
}

/**
 * The AMQP body of one `telemetry.polling` sample notification, exactly as oslo.messaging's
 * messagingv2 driver sends it: the v2.0 envelope whose `oslo.message` is the JSON text of the
 * inner message (with an empty context, so no `_context_*` keys).
 *
 * Written as text around each sample's own JSON rather than by encoding the message twice: a cycle
 * of 10,000 LPARs is ~300 MB of samples (bench/ceilometer).
 */
export function notificationBody(
  samples: readonly WireSample[],
  options: { publisherId?: string; now?: Date; ids?: NotificationIds } = {},
): Buffer {
  const ids = options.ids ?? newIds();
  const head = JSON.stringify({
    message_id: ids.messageId,
    publisher_id: options.publisherId ?? POLLING_PUBLISHER_ID,
    event_type: POLLING_EVENT_TYPE,
    priority: 'SAMPLE',
  });
  const tail = JSON.stringify({
    timestamp: osloTimestamp(options.now ?? new Date()),
    _unique_id: ids.uniqueId,
  });
  let message = jsonStringContent(`${head.slice(0, -1)},"payload":{"samples":[`);
  for (let i = 0; i < samples.length; i++) {
    if (i > 0) message += ',';
    message += osloJsonOf(samples[i]!);
  }
  message += jsonStringContent(`]},${tail.slice(1)}`);
  return Buffer.from(`{"oslo.version":"2.0","oslo.message":"${message}"}`, 'utf8');
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
