/**
 * deploy/kubernetes: every manifest validated against the Kubernetes API schema with unknown
 * fields refused (test/support/kubernetes-schema.ts), the objects' references to each other
 * followed, and the container's command line run by the real CLI with --check-config, the
 * ConfigMap and Secret files placed where the Deployment mounts them.
 */
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { ServiceMonitor } from '@kubernetes-models/prometheus-operator/monitoring.coreos.com/v1';
import type { Deployment } from 'kubernetes-models/apps/v1';
import type { ConfigMap, Secret, Service } from 'kubernetes-models/v1';
import { afterAll, describe, expect, it } from 'vitest';
import { parse, parseAllDocuments } from 'yaml';
import { fakeRoot } from '../support/fake-root.js';
import { manifestProblems } from '../support/kubernetes-schema.js';
import { runCli } from '../support/run-cli.js';

const DIR = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../deploy/kubernetes');
const KUSTOMIZATION = 'kustomization.yaml';
const files = readdirSync(DIR).filter((f) => f.endsWith('.yaml') && f !== KUSTOMIZATION);
const manifests = files.flatMap((file) =>
  parseAllDocuments(readFileSync(path.join(DIR, file), 'utf8')).map((doc) => ({
    file,
    manifest: doc.toJS() as { apiVersion: string; kind: string; metadata: { name: string } },
  })),
);
function only<T>(kind: string): T {
  const found = manifests.filter((m) => m.manifest.kind === kind);
  expect(found, kind).toHaveLength(1);
  return found[0]!.manifest as T;
}

const deployment = only<Deployment>('Deployment');
const configMap = only<ConfigMap>('ConfigMap');
const secret = only<Secret>('Secret');
const service = only<Service>('Service');
const serviceMonitor = only<ServiceMonitor>('ServiceMonitor');
const pod = deployment.spec!.template.spec!;
const container = pod.containers[0]!;

describe('the Kubernetes manifests', () => {
  it('are all listed in the kustomization', () => {
    const kustomization = parse(readFileSync(path.join(DIR, KUSTOMIZATION), 'utf8')) as {
      resources: string[];
    };
    expect([...kustomization.resources].sort()).toEqual([...files].sort());
  });

  it.each(manifests.map((m) => [`${m.file}: ${m.manifest.kind}`, m.manifest] as const))(
    '%s matches the Kubernetes API schema, with no unknown field',
    (_name, manifest) => {
      expect(manifestProblems(manifest)).toEqual([]);
    },
  );

  it('the schema check refuses a misspelled field and a wrong type', () => {
    const broken = structuredClone(deployment) as unknown as {
      apiVersion: string;
      kind: string;
      spec: { template: { spec: { containers: Record<string, unknown>[] } } };
    };
    const [first] = broken.spec.template.spec.containers;
    first!['securityContext'] = { readOnlyRootFileSystem: true };
    expect(manifestProblems(broken)).toEqual([
      "/spec/template/spec/containers/0/securityContext: unknown field 'readOnlyRootFileSystem'",
    ]);
    first!['ports'] = [{ containerPort: '9859' }];
    expect(manifestProblems(broken).join('\n')).toMatch(/containerPort must be integer/);
  });

  it('runs unprivileged, read-only, without capabilities, with resources and both probes', () => {
    expect(pod.securityContext?.runAsNonRoot).toBe(true);
    expect(pod.automountServiceAccountToken).toBe(false);
    expect(container.securityContext).toMatchObject({
      allowPrivilegeEscalation: false,
      readOnlyRootFilesystem: true,
      runAsNonRoot: true,
      capabilities: { drop: ['ALL'] },
    });
    expect(container.resources?.requests).toMatchObject({
      cpu: expect.any(String),
      memory: expect.any(String),
    });
    expect(container.resources?.limits?.['memory']).toBeDefined();
    const metricsPort = container.ports?.find((p) => p.name === 'metrics');
    expect(metricsPort?.containerPort).toBe(9859);
    expect(container.livenessProbe?.httpGet).toMatchObject({ path: '/-/healthy', port: 'metrics' });
    expect(container.readinessProbe?.httpGet).toMatchObject({ path: '/-/ready', port: 'metrics' });
  });

  it('the Service selects the pods, and the ServiceMonitor the Service, by the metrics port', () => {
    const podLabels = deployment.spec!.template.metadata!.labels!;
    expect(podLabels).toMatchObject(service.spec!.selector!);
    expect(deployment.spec!.selector.matchLabels).toEqual(service.spec!.selector);
    expect(service.spec!.ports).toEqual([
      expect.objectContaining({ name: 'metrics', targetPort: 'metrics' }),
    ]);
    expect(service.metadata!.labels).toMatchObject(serviceMonitor.spec.selector.matchLabels!);
    expect(serviceMonitor.spec.endpoints?.map((e) => e.port)).toEqual(['metrics']);
  });

  const root = fakeRoot();
  afterAll(() => root.remove());

  it('the container command line, with the ConfigMap and Secret mounted, passes serve --check-config', async () => {
    const mounts = container.volumeMounts ?? [];
    const mountPaths = mounts.map((m) => m.mountPath);
    for (const mount of mounts) {
      const volume = pod.volumes?.find((v) => v.name === mount.name);
      expect(volume, mount.name).toBeDefined();
      if (volume?.configMap) {
        expect(volume.configMap.name).toBe(configMap.metadata!.name);
        for (const [key, text] of Object.entries(configMap.data ?? {})) {
          root.place(`${mount.mountPath}/${key}`, root.relocate(text, mountPaths));
        }
      } else if (volume?.secret) {
        expect(volume.secret.secretName).toBe(secret.metadata!.name);
        const data = {
          ...Object.fromEntries(
            Object.entries(secret.data ?? {}).map(([k, v]) => [k, Buffer.from(v, 'base64').toString()]),
          ),
          ...secret.stringData,
        };
        for (const [key, text] of Object.entries(data)) root.place(`${mount.mountPath}/${key}`, text);
      } else {
        throw new Error(`volume ${mount.name}: neither the ConfigMap nor the Secret`);
      }
    }
    // The image's ENTRYPOINT is the CLI (deploy/docker/Dockerfile); args replace its CMD.
    const args = (container.args ?? []).map((arg) => root.relocate(arg, mountPaths));
    const env = Object.fromEntries((container.env ?? []).map((e) => [e.name, e.value ?? '']));
    const result = await runCli([...args, '--check-config'], env);
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    const checked = JSON.parse(result.stdout) as { listen: string; consoles: { name: string }[] };
    expect(checked.listen).toBe('0.0.0.0:9859');
    expect(checked.consoles.map((c) => c.name)).toEqual(['hmc1']);
  }, 60_000);
});
