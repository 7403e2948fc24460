import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { Deployment } from 'kubernetes-models/apps/v1/Deployment';
import { HorizontalPodAutoscaler } from 'kubernetes-models/autoscaling/v2/HorizontalPodAutoscaler';
import { Job } from 'kubernetes-models/batch/v1/Job';
import { Ingress } from 'kubernetes-models/networking.k8s.io/v1/Ingress';
import { PodDisruptionBudget } from 'kubernetes-models/policy/v1/PodDisruptionBudget';
import { ConfigMap } from 'kubernetes-models/v1/ConfigMap';
import { Service } from 'kubernetes-models/v1/Service';
import { describe, expect, it } from 'vitest';
import { parseAllDocuments } from 'yaml';
import { ApiEnv } from '../../apps/api/src/env';
import { WorkerEnv } from '../../apps/worker/src/env';

// No cluster and no kustomize binary on CI machines: the manifests are rendered here by the few
// kustomize features they use (a kustomization using any other fails the test), every object is
// validated against the Kubernetes schemas (kubernetes-models), and the rules a production
// deployment needs are checked on the result.

// biome-ignore lint/suspicious/noExplicitAny: manifests are untyped YAML until validated.
type Obj = Record<string, any>;

// biome-ignore lint/suspicious/noExplicitAny: each model takes its own kind's shape.
const models: Record<string, new (data: any) => { validate(): void }> = {
  'v1/ConfigMap': ConfigMap,
  'v1/Service': Service,
  'apps/v1/Deployment': Deployment,
  'autoscaling/v2/HorizontalPodAutoscaler': HorizontalPodAutoscaler,
  'batch/v1/Job': Job,
  'networking.k8s.io/v1/Ingress': Ingress,
  'policy/v1/PodDisruptionBudget': PodDisruptionBudget,
};

const KNOWN = new Set(['apiVersion', 'kind', 'namespace', 'labels', 'resources', 'images', 'patches']);

const readYaml = (file: string): Obj[] =>
  parseAllDocuments(readFileSync(file, 'utf8')).map((doc) => {
    if (doc.errors.length > 0) throw new Error(`${file}: ${doc.errors[0]?.message}`);
    return doc.toJS() as Obj;
  });

const podSpec = (o: Obj): Obj | undefined => o.spec?.template?.spec;

/** `kustomize build <dir>` for what our kustomizations use. */
function build(dir: string): Obj[] {
  const [k] = readYaml(join(dir, 'kustomization.yaml'));
  if (!k) throw new Error(`${dir}: empty kustomization`);
  for (const key of Object.keys(k)) if (!KNOWN.has(key)) throw new Error(`${dir}: unsupported field ${key}`);
  const objects: Obj[] = [];
  for (const entry of k.resources as string[]) {
    const path = join(dir, entry);
    objects.push(...(entry.endsWith('.yaml') ? readYaml(path) : build(path)));
  }
  for (const { path } of (k.patches ?? []) as { path: string }[]) {
    for (const patch of readYaml(join(dir, path))) {
      const target = objects.find((o) => o.kind === patch.kind && o.metadata.name === patch.metadata.name);
      if (!target) throw new Error(`${dir}/${path}: no ${patch.kind} ${patch.metadata.name} to patch`);
      if (patch.kind !== 'ConfigMap')
        throw new Error(`${dir}/${path}: only ConfigMap data patches are supported`);
      target.data = { ...target.data, ...patch.data };
    }
  }
  for (const { pairs, includeSelectors } of (k.labels ?? []) as {
    pairs: Obj;
    includeSelectors?: boolean;
  }[]) {
    if (includeSelectors) throw new Error(`${dir}: selector labels are not supported`);
    for (const o of objects) o.metadata.labels = { ...o.metadata.labels, ...pairs };
  }
  for (const image of (k.images ?? []) as { name: string; newName?: string; newTag?: string }[]) {
    let used = false;
    for (const o of objects) {
      for (const c of podSpec(o)?.containers ?? []) {
        const [name] = String(c.image).split(':');
        if (name !== image.name) continue;
        used = true;
        c.image = `${image.newName ?? name}:${image.newTag ?? 'latest'}`;
      }
    }
    if (!used) throw new Error(`${dir}: image ${image.name} is used by no container`);
  }
  if (k.namespace) for (const o of objects) o.metadata.namespace = k.namespace;
  return objects;
}

const envKeys = (file: string) =>
  readFileSync(file, 'utf8')
    .split('\n')
    .filter((line) => /^[A-Z][A-Z0-9_]*=/.test(line))
    .map((line) => line.slice(0, line.indexOf('=')));

/** A valid stand-in for each secret, so the apps' own config schemas can parse the pod's environment. */
const SECRET_STAND_INS: Record<string, string> = {
  DATABASE_URL: 'postgres://groundwork:secret@postgres.internal:5432/groundwork',
  REDIS_URL: 'redis://:secret@redis.internal:6379',
  AUTH_JWT_SECRET: 'j'.repeat(48),
  TOTP_ENCRYPTION_KEY: Buffer.alloc(32, 7).toString('base64'),
  S3_ACCESS_KEY_ID: 'AKIAEXAMPLE',
  S3_SECRET_ACCESS_KEY: 'secret',
  SMTP_URL: 'smtps://user:secret@smtp.example.com:465',
  METRICS_TOKEN: 'm'.repeat(32),
};

const here = dirname(new URL(import.meta.url).pathname);

describe.each(['base', 'overlays/example'])('deploy/kubernetes/%s', (variant) => {
  const objects = build(join(here, variant));
  const of = (kind: string) => objects.filter((o) => o.kind === kind);
  const named = (kind: string, name: string) => of(kind).find((o) => o.metadata.name === name);
  const workloads = [...of('Deployment'), ...of('Job')];
  const config = named('ConfigMap', 'groundwork-config')?.data as Record<string, string>;

  it('validates against the Kubernetes schemas', () => {
    for (const o of objects) {
      const Model = models[`${o.apiVersion}/${o.kind}`];
      expect(Model, `${o.apiVersion} ${o.kind}`).toBeDefined();
      if (Model) expect(() => new Model(o).validate(), `${o.kind} ${o.metadata.name}`).not.toThrow();
    }
  });

  it('runs the three apps and the migration Job', () => {
    expect(
      of('Deployment')
        .map((d) => d.metadata.name)
        .sort(),
    ).toEqual(['groundwork-api', 'groundwork-web', 'groundwork-worker']);
    expect(podSpec(named('Job', 'groundwork-migrate') ?? {})?.containers[0].command).toEqual([
      'node',
      'dist/migrate.js',
    ]);
  });

  it('runs every container as non-root with a read-only file system, no privileges and sized resources', () => {
    for (const w of workloads) {
      const spec = podSpec(w) ?? {};
      expect(spec.securityContext, w.metadata.name).toMatchObject({ runAsNonRoot: true });
      expect(spec.automountServiceAccountToken, w.metadata.name).toBe(false);
      for (const c of spec.containers) {
        expect(c.securityContext, c.name).toMatchObject({
          allowPrivilegeEscalation: false,
          readOnlyRootFilesystem: true,
          capabilities: { drop: ['ALL'] },
        });
        expect(c.resources?.requests, c.name).toHaveProperty('cpu');
        expect(c.resources?.requests, c.name).toHaveProperty('memory');
        expect(c.resources?.limits, c.name).toHaveProperty('memory');
      }
    }
  });

  it('probes every app on a port it exposes', () => {
    for (const d of of('Deployment')) {
      const [c] = podSpec(d)?.containers ?? [];
      const ports = (c.ports as { name: string }[]).map((p) => p.name);
      for (const probe of ['startupProbe', 'livenessProbe', 'readinessProbe']) {
        expect(c[probe], `${d.metadata.name} ${probe}`).toBeDefined();
        expect(ports, `${d.metadata.name} ${probe}`).toContain(c[probe].httpGet.port);
      }
    }
  });

  it('keeps two of every app, guarded by a disruption budget; scales API and worker', () => {
    for (const d of of('Deployment')) {
      expect(d.spec.replicas).toBeGreaterThanOrEqual(2);
      const labels = d.spec.template.metadata.labels;
      expect(d.spec.selector.matchLabels).toEqual(labels);
      const pdb = of('PodDisruptionBudget').find((p) => p.metadata.name === d.metadata.name);
      expect(pdb?.spec.selector.matchLabels, d.metadata.name).toEqual(labels);
      expect(pdb?.spec.minAvailable).toBe(1);
    }
    const scaled = of('HorizontalPodAutoscaler').map((h) => h.spec.scaleTargetRef.name);
    expect(scaled.sort()).toEqual(['groundwork-api', 'groundwork-worker']);
    for (const h of of('HorizontalPodAutoscaler')) {
      const target = named('Deployment', h.spec.scaleTargetRef.name);
      expect(h.spec.minReplicas).toBe(target?.spec.replicas);
    }
  });

  it('routes each Service to the pods and port it names', () => {
    for (const s of of('Service')) {
      const d = of('Deployment').find((x) => {
        const labels = x.spec.template.metadata.labels;
        return Object.entries(s.spec.selector).every(([k, v]) => labels[k] === v);
      });
      expect(d, s.metadata.name).toBeDefined();
      const ports = ((podSpec(d ?? {})?.containers[0].ports ?? []) as { name: string }[]).map((p) => p.name);
      for (const p of s.spec.ports) expect(ports).toContain(p.targetPort);
    }
    // The API's address the web app is given is its Service.
    const api = named('Service', 'groundwork-api');
    expect(config.API_URL).toBe(`http://groundwork-api:${api?.spec.ports[0].port}`);
  });

  it('gives the API and the worker an environment their config accepts', () => {
    const secrets = envKeys(join(here, 'secrets.env.example'));
    for (const key of secrets) expect(SECRET_STAND_INS, key).toHaveProperty(key);
    const env = { ...config, ...Object.fromEntries(secrets.map((k) => [k, SECRET_STAND_INS[k]])) };
    for (const w of workloads) {
      const sources = (podSpec(w)?.containers[0].envFrom ?? []) as Obj[];
      const names = sources.map((s) => s.configMapRef?.name ?? s.secretRef?.name);
      if (w.metadata.name !== 'groundwork-web')
        expect(names).toEqual(['groundwork-config', 'groundwork-secrets']);
    }
    const api = ApiEnv.safeParse(env);
    expect(api.success, JSON.stringify(api.error?.issues)).toBe(true);
    const worker = WorkerEnv.safeParse(env);
    expect(worker.success, JSON.stringify(worker.error?.issues)).toBe(true);
    // Ports the apps listen on are the ports the manifests name.
    const port = (name: string) =>
      podSpec(named('Deployment', name) ?? {})?.containers[0].ports[0].containerPort;
    expect(port('groundwork-api')).toBe(Number(config.API_PORT));
    expect(port('groundwork-worker')).toBe(Number(config.WORKER_HEALTH_PORT));
    expect(port('groundwork-web')).toBe(Number(config.PORT));
  });
});

describe('deploy/kubernetes/overlays/example', () => {
  const objects = build(join(here, 'overlays/example'));
  it('puts everything in its namespace, with its images and settings', () => {
    for (const o of objects) expect(o.metadata.namespace, `${o.kind} ${o.metadata.name}`).toBe('groundwork');
    for (const d of objects.filter((o) => o.kind === 'Deployment' || o.kind === 'Job'))
      expect(podSpec(d)?.containers[0].image).toMatch(
        /^registry\.example\.com\/groundwork-(api|worker|web):1\.0\.0$/,
      );
    const config = objects.find((o) => o.kind === 'ConfigMap')?.data;
    expect(config).toMatchObject({ S3_BUCKET: 'example-groundwork-files', NODE_ENV: 'production' });
    const ingress = objects.find((o) => o.kind === 'Ingress');
    expect(ingress?.spec.rules[0].http.paths[0].backend.service.name).toBe('groundwork-web');
  });
});
