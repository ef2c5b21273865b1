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
 * A wire sample that has its JSON text at hand, escaped as it sits inside the `oslo.message`
 * string; any other sample is serialised for each notification that carries it.
 */
// A type, not an interface: a sample dict that is also pre-encoded must still be a WireDict.
export type PreEncodedSample = {
  osloJson(): string;
  /** Its size in UTF-8. */
  osloJsonBytes(): number;
};

/** `text` as the content of a JSON string: what the v2.0 envelope's second encoding makes of it. */
export function jsonStringContent(text: string): string {
  return JSON.stringify(text).slice(1, -1);
}

function isPreEncoded(sample: WireSample): sample is WireSample & PreEncodedSample {
  return typeof (sample as Partial<PreEncodedSample>).osloJson === 'function';
}

const COMMA = 0x2c;

/**
 * The AMQP body of one `telemetry.polling` sample notification, exactly as oslo.messaging's
 * messagingv2 driver sends it: the v2.0 envelope whose `oslo.message` is the JSON text of the
 * inner message (with an empty context, so no `_context_*` keys).
 *
 * Written as bytes around each sample's own JSON, straight into the body, rather than by encoding
 * the message twice or joining a string to encode: a cycle of 10,000 LPARs is ~300 MB of samples,
 * and each notification's ~40 KB of joined text was young garbage to copy (bench/ceilometer).
 */
export function notificationBody(
  samples: readonly WireSample[],
  options: {
    publisherId?: string;
    now?: Date;
    ids?: NotificationIds;
    /** Where to write a body of `size` bytes; default a new buffer. */
    allocate?: (size: number) => Buffer;
  } = {},
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
  const open = `{"oslo.version":"2.0","oslo.message":"${jsonStringContent(`${head.slice(0, -1)},"payload":{"samples":[`)}`;
  const close = `${jsonStringContent(`]},${tail.slice(1)}`)}"}`;
  const texts = new Array<string>(samples.length);
  const sizes = new Array<number>(samples.length);
  let size = Buffer.byteLength(open) + Math.max(0, samples.length - 1) + Buffer.byteLength(close);
  for (let i = 0; i < samples.length; i++) {
    const sample = samples[i]!;
    const text = isPreEncoded(sample) ? sample.osloJson() : jsonStringContent(JSON.stringify(sample));
    texts[i] = text;
    sizes[i] = isPreEncoded(sample) ? sample.osloJsonBytes() : Buffer.byteLength(text);
    size += sizes[i]!;
  }
  const body = options.allocate?.(size) ?? Buffer.allocUnsafe(size);
  let at = body.write(open, 0);
  for (let i = 0; i < samples.length; i++) {
    if (i > 0) body[at++] = COMMA;
    const text = texts[i]!;
    // As many bytes as characters: ASCII, which latin1 writes as a plain copy.
    const wrote = body.write(text, at, sizes[i]!, sizes[i] === text.length ? 'latin1' : 'utf8');
    if (wrote !== sizes[i]) throw new Error(`a sample of ${sizes[i]} bytes wrote ${wrote}`);
    at += wrote;
  }
  at += body.write(close, at);
  // The body is not zeroed: a sample that wrote other than it announced would send stale memory.
  if (at !== size) throw new Error(`notification body of ${at} bytes, ${size} announced`);
  return body;
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
