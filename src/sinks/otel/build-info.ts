import { createRequire } from 'node:module';
import { resourceFromAttributes, type Resource } from '@opentelemetry/resources';

interface PackageJson {
  name: string;
  version: string;
}

// Read once, at start. The path is the same from src/sinks/otel (tsx, vitest) and from
// dist/sinks/otel (the built package): three levels up is the package root in both layouts.
const pkg = createRequire(import.meta.url)('../../../package.json') as PackageJson;

export const PRODUCT = pkg.name;
export const VERSION = pkg.version;
export const NODEJS_VERSION = process.versions.node;

/**
 * The OpenTelemetry resource of every export. Built once: the SDK's default resource would run
 * its detectors again for every render. Attribute names are OpenTelemetry semantic conventions.
 */
export const EXPORTER_RESOURCE: Resource = resourceFromAttributes({
  'service.name': PRODUCT,
  'service.version': VERSION,
});
