// One cluster, consistent with itself, as kubectl sees it: with the default scenario set playing,
// every `until nslookup SVC…` init container that completed found a Service that `kubectl get svc
// -A` lists (with a ready endpoint) in its pod's namespace, and every one still waiting waits for a
// Service its namespace does not have. Creating that Service with kubectl lets the pod proceed.
import {after, before, describe, test} from 'node:test';
import assert from 'node:assert/strict';
import {mkdtempSync, writeFileSync} from 'node:fs';
import {tmpdir} from 'node:os';
import {join} from 'node:path';
import {startDemoCluster, type DemoCluster} from '../../demo/index.js';
import type {Endpoints, Pod, Service} from '../../source/model/k8s-types.js';
import {kubectl, until} from './server-fixtures.js';

/** `namespace/service` of each dependency loop of each pod, by whether it completed or still waits. */
interface Lookups {
	resolved: Array<{pod: string; service: string}>;
	waiting: Array<{pod: string; service: string}>;
}

const NSLOOKUP = /until nslookup ([a-z0-9-]+)\./;

function lookups(pods: readonly Pod[]): Lookups {
	const out: Lookups = {resolved: [], waiting: []};
	for (const pod of pods) {
		const namespace = pod.metadata.namespace!;
		for (const container of pod.spec.initContainers ?? []) {
			const name = NSLOOKUP.exec([...(container.command ?? []), ...(container.args ?? [])].join(' '))?.[1];
			if (!name) continue;
			const state = pod.status?.initContainerStatuses?.find(status => status.name === container.name)?.state;
			const entry = {pod: `${namespace}/${pod.metadata.name}`, service: `${namespace}/${name}`};
			if (state?.terminated?.exitCode === 0) out.resolved.push(entry);
			else if (state?.running) out.waiting.push(entry);
		}
	}
	return out;
}

async function json<T>(cluster: DemoCluster, ...args: string[]): Promise<T[]> {
	const result = await kubectl(cluster, ...args, '-o', 'json');
	assert.equal(result.code, 0, result.stderr);
	return (JSON.parse(result.stdout) as {items: T[]}).items;
}

const key = (object: {metadata: {namespace?: string; name: string}}) => `${object.metadata.namespace}/${object.metadata.name}`;

describe('the default demo scenarios: Services as kubectl lists them', () => {
	let cluster: DemoCluster;
	before(async () => {
		cluster = await startDemoCluster({speed: 10});
	});
	after(() => cluster.stop());

	test('every lookup that succeeded has its Service with a ready endpoint; every waiting one has none in its namespace', async () => {
		// Until the article's pods in default are past their lookups and myapp-waiting has looked a few times.
		const pods = await until('the lookups of myapp-healthy and myapp-pod done, myapp-waiting waiting', async () => {
			const items = await json<Pod>(cluster, 'get', 'pods', '-A');
			const seen = lookups(items);
			const resolved = new Set(seen.resolved.map(entry => entry.pod));
			const done = ['default/myapp-healthy', 'default/myapp-pod'].every(pod => seen.resolved.filter(entry => entry.pod === pod).length === 2);
			return done && seen.waiting.some(entry => entry.pod === 'staging/myapp-waiting') && !resolved.has('staging/myapp-waiting') ? items : undefined;
		}, 60_000);
		const seen = lookups(pods);
		const services = new Set((await json<Service>(cluster, 'get', 'svc', '-A')).map(key));
		const ready = new Set((await json<Endpoints>(cluster, 'get', 'endpoints', '-A')).filter(endpoints => endpoints.subsets?.some(subset => (subset.addresses?.length ?? 0) > 0)).map(key));

		const resolved = seen.resolved.map(entry => entry.service);
		for (const service of ['default/myservice', 'default/mydb']) assert.ok(resolved.includes(service), `${service} resolved`);
		for (const {pod, service} of seen.resolved) {
			assert.ok(services.has(service), `${pod} resolved ${service}, which kubectl get svc -A lists`);
			assert.ok(ready.has(service), `${service} has a ready endpoint`);
		}
		assert.ok(seen.waiting.some(entry => entry.service === 'staging/myservice'), 'myapp-waiting waits for myservice in staging');
		for (const {pod, service} of seen.waiting) assert.ok(!services.has(service), `${pod} waits for ${service}, which does not exist`);

		// What a user reads: the Services in default, the namespace the waiting pod lives in.
		const table = await kubectl(cluster, 'get', 'svc', '-A');
		assert.match(table.stdout, /^NAMESPACE\s+NAME\s+TYPE\s+CLUSTER-IP/m);
		assert.match(table.stdout, /^default\s+myservice\s+ClusterIP\s+10\.96\.\S+\s+<none>\s+80\/TCP\s/m);
		assert.match(table.stdout, /^default\s+mydb\s+ClusterIP\s+10\.96\.\S+\s+<none>\s+80\/TCP\s/m);
		assert.doesNotMatch(table.stdout, /^staging\s/m);
		const namespaces = await kubectl(cluster, 'get', 'ns');
		assert.match(namespaces.stdout, /^staging\s+Active\s/m);
		const log = await kubectl(cluster, 'logs', '-n', 'staging', 'myapp-waiting', '-c', 'init-myservice');
		assert.match(log.stdout, /^nslookup: can't resolve 'myservice\.staging\.svc\.cluster\.local'$/m);
	});

	test('kubectl create of the Service with a ready endpoint in the waiting pod\'s namespace lets it proceed', async () => {
		const dir = mkdtempSync(join(tmpdir(), 'initk9-services-'));
		const manifest = join(dir, 'services.yaml');
		const serviceWithEndpoint = (name: string, ip: string, port: number) => [
			'apiVersion: v1',
			'kind: Service',
			'metadata:',
			`  name: ${name}`,
			'spec:',
			'  ports:',
			'  - port: 80',
			`    targetPort: ${port}`,
			'---',
			'apiVersion: v1',
			'kind: Endpoints',
			'metadata:',
			`  name: ${name}`,
			'subsets:',
			'- addresses:',
			`  - ip: ${ip}`,
			'  ports:',
			`  - port: ${port}`,
		].join('\n');
		writeFileSync(manifest, `${serviceWithEndpoint('myservice', '10.244.3.10', 9376)}\n---\n${serviceWithEndpoint('mydb', '10.244.3.11', 9377)}\n`);
		const created = await kubectl(cluster, 'create', '-n', 'staging', '-f', manifest);
		assert.equal(created.code, 0, created.stderr);
		assert.match(created.stdout, /^service\/myservice created$/m);

		const status = async () => (await kubectl(cluster, 'get', 'pod', '-n', 'staging', 'myapp-waiting', '--no-headers')).stdout;
		await until('myapp-waiting Running', async () => /^myapp-waiting\s+1\/1\s+Running\s+0\s/.test(await status()), 30_000);
		const log = await kubectl(cluster, 'logs', '-n', 'staging', 'myapp-waiting', '-c', 'init-myservice');
		assert.match(log.stdout, /^Name:\s+myservice\.staging\.svc\.cluster\.local$/m);
		const app = await kubectl(cluster, 'logs', '-n', 'staging', 'myapp-waiting');
		assert.equal(app.stdout, 'The app is running!\n');
	});
});
