import { ServiceMonitor } from '@kubernetes-models/prometheus-operator/monitoring.coreos.com/v1';
import { Deployment } from 'kubernetes-models/apps/v1';
import { ConfigMap, Secret, Service } from 'kubernetes-models/v1';

/** The kinds deploy/kubernetes ships, each with the model generated from its OpenAPI schema. */
const MODELS = {
  'v1/ConfigMap': ConfigMap,
  'v1/Secret': Secret,
  'v1/Service': Service,
  'apps/v1/Deployment': Deployment,
  'monitoring.coreos.com/v1/ServiceMonitor': ServiceMonitor,
} as const;

/**
 * Problems of a manifest against the Kubernetes API schema (kubernetes-models' validators,
 * compiled from the official OpenAPI documents), plus what `kubectl apply --validate=strict`
 * adds and those validators let pass: fields the schema does not know. A field is known when the
 * validator reads it, which a Proxy around every object of the manifest records.
 */
export function manifestProblems(manifest: { apiVersion?: string; kind?: string }): string[] {
  const model = MODELS[`${manifest.apiVersion}/${manifest.kind}` as keyof typeof MODELS];
  if (!model) return [`${manifest.apiVersion}/${manifest.kind}: not a kind this check knows`];
  const unread = new Map<string, Set<string>>();
  const problems: string[] = [];
  try {
    model.prototype.validate.call(watched(structuredClone(manifest), '', unread));
  } catch (error) {
    problems.push((error as Error).message);
  }
  for (const [where, keys] of unread) {
    for (const key of keys) problems.push(`${where || '/'}: unknown field '${key}'`);
  }
  return problems;
}

/** `value` behind a Proxy that strikes each key off `unread` as it is read; one Proxy per object. */
function watched(
  value: unknown,
  where: string,
  unread: Map<string, Set<string>>,
  proxies = new WeakMap<object, object>(),
): unknown {
  if (value === null || typeof value !== 'object') return value;
  const known = proxies.get(value);
  if (known) return known;
  const keys = new Set(Object.keys(value));
  if (!Array.isArray(value)) unread.set(where, keys);
  const proxy = new Proxy(value, {
    get(target, key, receiver) {
      const found: unknown = Reflect.get(target, key, receiver);
      if (typeof key !== 'string' || !Object.hasOwn(target, key)) return found;
      keys.delete(key);
      return watched(found, `${where}/${key}`, unread, proxies);
    },
  });
  proxies.set(value, proxy);
  return proxy;
}
