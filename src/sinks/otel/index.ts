export { OtelSink, type OtelSinkOptions } from './otel-sink.js';
export {
  EXPOSITION_GZIP_OPTIONS,
  expositionText,
  type CompressedExposition,
} from './compressed-exposition.js';
export { ThreadedOtelSink, type ThreadedOtelSinkOptions } from './threaded-otel-sink.js';
export {
  createExporterServer,
  EXPOSITION_CONTENT_TYPE,
  type ExporterServer,
  type ExporterServerOptions,
  type ServedSink,
} from './http-server.js';
export { renderExposition, renderCycle, type Rendering, type RenderOptions } from './render.js';
export type { RenderInput } from './render-input.js';
export { CLIENT_AUTH_TYPES, type ClientAuthType, type WebSecurity } from './web-security.js';
export type { SinkLogger } from './logger.js';
export { measureRender, type RenderTiming } from './render-benchmark.js';
