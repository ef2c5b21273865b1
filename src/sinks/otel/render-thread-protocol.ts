import type { SinkStat } from '../sink.js';
import type { InputMessage } from './state-transfer.js';

/** What the rendering thread is started with: the OtelSink options that are data, not functions. */
export interface RenderThreadSettings {
  otlpUrl: string | undefined;
  otlpTimeoutMillis: number | undefined;
  minRenderIntervalMs: number;
  settleMs: number;
  quietRenderEveryMs: number;
  /** ms since the epoch: the time of the initial, empty state and the OTLP start time. */
  startedAt: number;
}

export type ToRenderThread =
  { type: 'input'; input: InputMessage } | { type: 'idle'; id: number } | { type: 'shutdown' };

export type FromRenderThread =
  | { type: 'rendered'; gzip: ArrayBuffer; bytes: number; time: number; stats: SinkStat[] }
  | { type: 'log'; obj: object; msg: string }
  | { type: 'idle'; id: number; stats: SinkStat[] }
  | { type: 'stopped'; stats: SinkStat[] };

/**
 * The bytes of a Buffer as an ArrayBuffer of their own, to transfer rather than copy. A Buffer may be
 * a view into a larger or pooled ArrayBuffer (small ones share Node's pool), which must not be
 * detached, so those few are copied.
 */
export function ownArrayBuffer(buffer: Buffer): ArrayBuffer {
  const whole =
    buffer.byteOffset === 0 &&
    buffer.byteLength === buffer.buffer.byteLength &&
    buffer.buffer instanceof ArrayBuffer;
  return whole ? (buffer.buffer as ArrayBuffer) : new Uint8Array(buffer).buffer;
}
