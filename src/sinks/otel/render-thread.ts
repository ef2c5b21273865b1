/**
 * The rendering thread's entry point: an OtelSink that renders the inputs the serving thread posts
 * and hands each rendering back. Only bytes and small messages cross: the estate's readings arrive
 * once per sample (state-transfer.ts), the compressed exposition is transferred, not copied.
 */
import { readlinkSync } from 'node:fs';
import { setPriority } from 'node:os';
import { parentPort, workerData } from 'node:worker_threads';
import { OtelSink } from './otel-sink.js';
import {
  ownArrayBuffer,
  type FromRenderThread,
  type RenderThreadSettings,
  type ToRenderThread,
} from './render-thread-protocol.js';
import { InputReceiver } from './state-transfer.js';

/**
 * Rendering is seconds of background work per cycle; answering a scrape is milliseconds that a
 * scraper waits for. On Linux each thread has its own nice value, so this one lowers its own and the
 * serving thread gets a core first whenever both want one. Elsewhere it keeps the process's.
 */
const RENDER_THREAD_NICE = 10;
try {
  const threadId = Number(readlinkSync('/proc/thread-self').split('/').at(-1));
  setPriority(threadId, RENDER_THREAD_NICE);
} catch {
  // Not Linux, or no /proc: the same priority as the rest of the process.
}

const port = parentPort!;
const settings = workerData as RenderThreadSettings;
const post = (message: FromRenderThread, transfer: ArrayBuffer[] = []): void =>
  port.postMessage(message, transfer);

const receiver = new InputReceiver();
const sink: OtelSink = new OtelSink({
  otlpUrl: settings.otlpUrl,
  otlpTimeoutMillis: settings.otlpTimeoutMillis,
  minRenderIntervalMs: settings.minRenderIntervalMs,
  settleMs: settings.settleMs,
  quietRenderEveryMs: settings.quietRenderEveryMs,
  now: () => settings.startedAt,
  logger: { warn: (obj, msg) => post({ type: 'log', obj, msg }) },
  onRendered: (exposition, time) => {
    const gzip = ownArrayBuffer(exposition.gzip);
    post({ type: 'rendered', gzip, bytes: exposition.bytes, time, stats: sink.stats() }, [gzip]);
  },
});

port.on('message', (message: ToRenderThread) => {
  switch (message.type) {
    case 'input':
      sink.publish(receiver.decode(message.input));
      break;
    case 'idle':
      void sink.whenIdle().then(() => post({ type: 'idle', id: message.id, stats: sink.stats() }));
      break;
    case 'shutdown':
      void sink.shutdown().then(() => {
        post({ type: 'stopped', stats: sink.stats() });
        port.close();
      });
      break;
  }
});
