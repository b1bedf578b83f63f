// Namespace `rollout`: workloads stuck where `kubectl rollout status` only counts.
// - Deployment api serves 3/3 on revision 1; revision 2 adds init container migrate-db, whose
//   image (ghcr.io/shop/api:1.9.0) lacks the binary: exit 127. maxUnavailable 0 keeps the old pods
//   serving, the new pod crash-loops in init, and after progressDeadlineSeconds (60) the rollout
//   is ProgressDeadlineExceeded. Fix: `kubectl -n rollout set image deploy/api
//   migrate-db=ghcr.io/shop/api:1.9.1 api=ghcr.io/shop/api:1.9.1`, or `kubectl -n rollout rollout undo deploy/api`.
// - StatefulSet web (OrderedReady): web-1's init container waits for the headless Service
//   web-peers, which does not exist, so web-2 is never created. Fix: apply a Service web-peers
//   with clusterIP None and selector app=web (its Endpoints then list web-0).
// - Job report-sync: init container fetch-config fails (exit 1) in every pod until backoffLimit
//   3 is reached: Failed, BackoffLimitExceeded.
import {container, shell} from './manifests.js';
import type {Scenario} from './types.js';
import {canCreateWorkloads, deployment, ensureObject, job, statefulSet, waitForObject} from './workloads.js';

export const ROLLOUT_NAMESPACE = 'rollout';
const ns = ROLLOUT_NAMESPACE;
export const BROKEN_IMAGE = 'ghcr.io/shop/api:1.9.0';

const migrate = (image: string) => shell('migrate-db', 'migrate-db up --database "$DATABASE_URL"', {image, env: [{name: 'DATABASE_URL', value: 'postgres://api@postgres.rollout.svc:5432/api'}]});

export const rolloutStuck: Scenario = {
	name: 'rollout-stuck',
	summary: 'namespace rollout: Deployment api stuck on a new revision (init migrate-db exit 127, ProgressDeadlineExceeded), StatefulSet web-1 stuck in init, Job report-sync past its backoffLimit',
	async play(ctx) {
		if (!canCreateWorkloads(ctx)) return;
		await ctx.backend.ensureNamespace(ns);
		ctx.addProgramRule({namespace: ns, pod: /^api-/, container: 'migrate-db', image: BROKEN_IMAGE, program: {logs: ['sh: migrate-db: not found'], runSeconds: 0.5, exitCode: 127}});
		ctx.addProgramRule({namespace: ns, pod: /^api-/, container: 'migrate-db', program: {logs: ['applying 2 migrations', '20261201_add_orders_index: ok', '20261203_backfill_totals: ok', 'migrations up to date'], runSeconds: 2}});
		ctx.addProgramRule({namespace: ns, pod: /^api-/, container: 'api', program: {logs: ['api listening on :8080'], repeat: {every: 10, lines: ['GET /healthz 200']}}});
		ctx.addProgramRule({namespace: ns, pod: /^web-0$/, container: 'wait-for-peer', program: {logs: ['web-0 starts the cluster: no peer to wait for'], runSeconds: 0.5}});
		ctx.addProgramRule({namespace: ns, pod: /^web-\d+$/, container: 'wait-for-peer', program: {waitFor: {service: 'web-peers', waitingLines: ["nc: bad address 'web-0.web-peers'", 'waiting for web-0.web-peers']}}});
		ctx.addProgramRule({namespace: ns, pod: /^report-sync-/, container: 'fetch-config', program: {logs: ['Connecting to config-server.rollout.svc:8080 (10.96.87.14:8080)', 'wget: server returned error: HTTP/1.1 404 Not Found'], runSeconds: 1, exitCode: 1}});

		await ensureObject(ctx, 'deployments', deployment('api', {
			namespace: ns,
			replicas: 3,
			maxSurge: 1,
			maxUnavailable: 0,
			progressDeadlineSeconds: 60,
			containers: [container('api', 'ghcr.io/shop/api:1.8.2', {ports: [{containerPort: 8080, protocol: 'TCP'}]})],
		}));
		await ensureObject(ctx, 'statefulsets', statefulSet('web', {
			namespace: ns,
			replicas: 3,
			serviceName: 'web-peers',
			initContainers: [shell('wait-for-peer', 'ordinal=${HOSTNAME##*-}; [ "$ordinal" -eq 0 ] || until nc -z web-0.web-peers 80; do echo waiting for web-0.web-peers; sleep 2; done')],
			containers: [container('web', 'nginx:1.27', {ports: [{containerPort: 80, protocol: 'TCP'}]})],
		}));
		await ensureObject(ctx, 'jobs', job('report-sync', {
			namespace: ns,
			backoffLimit: 3,
			restartPolicy: 'Never',
			initContainers: [shell('fetch-config', 'wget -qO /config/report.yaml http://config-server.rollout.svc:8080/report.yaml')],
			containers: [shell('report', 'echo syncing reports && sleep 5 && echo done')],
		}));

		// Revision 1 serves 3/3; then the release that breaks it.
		const served = await waitForObject(ctx, 'deployments', ns, 'api', d => (d.status as {availableReplicas?: number} | undefined)?.availableReplicas === 3, 120);
		if (!served) return;
		const api = await ctx.backend.getObject!('deployments', ns, 'api');
		const template = (api?.spec as {template?: {spec?: {initContainers?: unknown[]}}} | undefined)?.template;
		if (template?.spec?.initContainers?.length) return;
		await ctx.backend.patchObject!('deployments', ns, 'api', {spec: {template: {spec: {initContainers: [migrate(BROKEN_IMAGE)], containers: [{name: 'api', image: BROKEN_IMAGE}]}}}});
	},
};
