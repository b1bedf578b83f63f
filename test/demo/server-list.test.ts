// The demo API server over plain HTTP: auth, discovery, list/get, selectors, pagination, Tables,
// create/delete and the Status errors.
import {after, before, describe, test} from 'node:test';
import assert from 'node:assert/strict';
import {createServer} from 'node:net';
import {startDemoCluster, type DemoCluster} from '../../demo/index.js';
import type {StoredObject} from '../../demo/store.js';
import {api, crashLoopPod, podEvent, runningPod} from './server-fixtures.js';

let cluster: DemoCluster;
before(async () => {
	cluster = await startDemoCluster({kubelet: false, tls: false});
	cluster.store.create('namespaces', {metadata: {name: 'team-a'}, status: {phase: 'Active'}});
	const pod = cluster.store.create('pods', crashLoopPod());
	cluster.store.create('pods', runningPod('web', 'default', {app: 'web', tier: 'front'}));
	cluster.store.create('pods', runningPod('db', 'team-a', {app: 'db', tier: 'back'}));
	cluster.store.create('events', podEvent(pod, 'a1', 'BackOff', 'Back-off restarting failed container init-failed-test', 'Warning', {count: 5}));
	cluster.store.create('events', podEvent(runningPod('web'), 'b1', 'Started', 'Started container app'));
});
after(() => cluster.stop());

describe('auth and discovery', () => {
	test('a missing or wrong token gets 401 Unauthorized as a Status', async () => {
		for (const token of [null, 'wrong']) {
			const response = await api(cluster, '/api/v1/pods', {token});
			assert.equal(response.status, 401);
			assert.deepEqual(response.json, {kind: 'Status', apiVersion: 'v1', metadata: {}, status: 'Failure', message: 'Unauthorized', reason: 'Unauthorized', code: 401});
		}
	});

	test('/version, /api, /apis and /api/v1 describe a core/v1 server', async () => {
		assert.equal((await api(cluster, '/version')).json.major, '1');
		assert.deepEqual((await api(cluster, '/api')).json.versions, ['v1']);
		assert.equal((await api(cluster, '/apis')).json.kind, 'APIGroupList');
		const v1 = (await api(cluster, '/api/v1')).json;
		const names = v1.resources.map((r: {name: string}) => r.name);
		for (const name of ['pods', 'pods/log', 'pods/status', 'events', 'services', 'endpoints', 'namespaces', 'nodes', 'configmaps']) assert.ok(names.includes(name), name);
		const pods = v1.resources.find((r: {name: string}) => r.name === 'pods');
		assert.deepEqual(pods.shortNames, ['po']);
		assert.ok(pods.verbs.includes('watch'));
	});

	test('unknown paths are 404 Status objects', async () => {
		const response = await api(cluster, '/api/v1/widgets');
		assert.equal(response.status, 404);
		assert.equal(response.json.kind, 'Status');
	});
});

describe('list and get', () => {
	test('a namespaced list is a PodList with a resourceVersion; items carry no kind', async () => {
		const {json} = await api(cluster, '/api/v1/namespaces/default/pods');
		assert.equal(json.kind, 'PodList');
		assert.equal(json.apiVersion, 'v1');
		assert.equal(json.metadata.resourceVersion, cluster.store.resourceVersion);
		assert.deepEqual(json.items.map((p: any) => p.metadata.name), ['myapp-pod', 'web']);
		assert.equal(json.items[0].kind, undefined);
	});

	test('the cluster-scope list spans namespaces', async () => {
		const {json} = await api(cluster, '/api/v1/pods');
		assert.deepEqual(json.items.map((p: any) => `${p.metadata.namespace}/${p.metadata.name}`), ['default/myapp-pod', 'default/web', 'team-a/db']);
	});

	test('get returns the object with kind and apiVersion; a missing one is 404 with the real message', async () => {
		const found = await api(cluster, '/api/v1/namespaces/default/pods/web');
		assert.equal(found.json.kind, 'Pod');
		assert.equal(found.json.apiVersion, 'v1');
		const missing = await api(cluster, '/api/v1/namespaces/default/pods/nope');
		assert.equal(missing.status, 404);
		assert.equal(missing.json.message, 'pods "nope" not found');
		assert.equal(missing.json.reason, 'NotFound');
		const ns = await api(cluster, '/api/v1/namespaces/nope');
		assert.equal(ns.json.message, 'namespaces "nope" not found');
	});

	test('label selectors: =, ==, !=, in, notin, exists, !key', async () => {
		const names = async (selector: string) =>
			(await api(cluster, `/api/v1/pods?labelSelector=${encodeURIComponent(selector)}`)).json.items.map((p: any) => p.metadata.name).sort();
		assert.deepEqual(await names('app=web'), ['web']);
		assert.deepEqual(await names('app==db'), ['db']);
		assert.deepEqual(await names('app!=web'), ['db', 'myapp-pod']);
		assert.deepEqual(await names('tier in (front,back)'), ['db', 'web']);
		assert.deepEqual(await names('tier notin (front)'), ['db', 'myapp-pod']);
		assert.deepEqual(await names('tier'), ['db', 'web']);
		assert.deepEqual(await names('!tier'), ['myapp-pod']);
		assert.deepEqual(await names('app,tier=back'), ['db']);
	});

	test('field selectors on pods and events; an unsupported field is 400', async () => {
		const pods = await api(cluster, '/api/v1/pods?fieldSelector=metadata.name%3Dweb');
		assert.deepEqual(pods.json.items.map((p: any) => p.metadata.name), ['web']);
		const phase = await api(cluster, '/api/v1/pods?fieldSelector=status.phase!%3DRunning');
		assert.deepEqual(phase.json.items.map((p: any) => p.metadata.name), ['myapp-pod']);
		const events = await api(cluster, '/api/v1/namespaces/default/events?fieldSelector=involvedObject.name%3Dmyapp-pod,type%3DWarning');
		assert.deepEqual(events.json.items.map((e: any) => e.reason), ['BackOff']);
		const bad = await api(cluster, '/api/v1/pods?fieldSelector=spec.foo%3Dx');
		assert.equal(bad.status, 400);
		assert.equal(bad.json.message, 'field label not supported: spec.foo');
	});

	test('Accept as=Table gives the pod table with kubectl columns and printPod rows', async () => {
		const {json} = await api(cluster, '/api/v1/namespaces/default/pods', {accept: 'application/json;as=Table;v=v1;g=meta.k8s.io,application/json'});
		assert.equal(json.kind, 'Table');
		assert.equal(json.apiVersion, 'meta.k8s.io/v1');
		assert.deepEqual(
			json.columnDefinitions.map((c: any) => `${c.name}:${c.priority}`),
			['Name:0', 'Ready:0', 'Status:0', 'Restarts:0', 'Age:0', 'IP:1', 'Node:1', 'Nominated Node:1', 'Readiness Gates:1'],
		);
		const row = json.rows[0];
		assert.deepEqual(row.cells.slice(0, 3), ['myapp-pod', '0/1', 'Init:CrashLoopBackOff']);
		assert.match(row.cells[3], /^3 \(\d+s ago\)$/);
		assert.equal(row.object.kind, 'PartialObjectMetadata');
		assert.equal(row.object.metadata.name, 'myapp-pod');
	});

	test('event, namespace and service tables', async () => {
		const table = 'application/json;as=Table;v=v1;g=meta.k8s.io';
		const events = (await api(cluster, '/api/v1/namespaces/default/events', {accept: table})).json;
		assert.deepEqual(events.columnDefinitions.filter((c: any) => c.priority === 0).map((c: any) => c.name), ['Last Seen', 'Type', 'Reason', 'Object', 'Message']);
		const backOff = events.rows.find((r: any) => r.cells[2] === 'BackOff');
		assert.deepEqual(backOff.cells.slice(1, 4), ['Warning', 'BackOff', 'pod/myapp-pod']);
		assert.equal(backOff.cells[8], 5);
		const namespaces = (await api(cluster, '/api/v1/namespaces', {accept: table})).json;
		assert.deepEqual(namespaces.rows.map((r: any) => r.cells.slice(0, 2)), [['default', 'Active'], ['kube-system', 'Active'], ['team-a', 'Active']]);
		cluster.store.create('services', {metadata: {name: 'mydb', namespace: 'default'}, spec: {type: 'ClusterIP', clusterIP: '10.96.0.20', ports: [{port: 9377, protocol: 'TCP'}]}});
		const services = (await api(cluster, '/api/v1/namespaces/default/services', {accept: table})).json;
		assert.deepEqual(services.rows[0].cells.slice(0, 5), ['mydb', 'ClusterIP', '10.96.0.20', '<none>', '9377/TCP']);
	});
});

describe('pagination', () => {
	test('limit + continue walk 10,000 pods quickly and completely', async () => {
		const local = await startDemoCluster({kubelet: false, tls: false});
		try {
			local.store.create('namespaces', {metadata: {name: 'bench'}, status: {phase: 'Active'}});
			for (let i = 0; i < 10_000; i++) local.store.create('pods', runningPod(`pod-${String(i).padStart(5, '0')}`, 'bench'));
			const started = Date.now();
			const seen: string[] = [];
			let token: string | undefined;
			let pages = 0;
			do {
				const {json} = await api(local, `/api/v1/namespaces/bench/pods?limit=500${token ? `&continue=${encodeURIComponent(token)}` : ''}`);
				seen.push(...json.items.map((p: any) => p.metadata.name));
				token = json.metadata.continue;
				if (token) assert.equal(json.metadata.remainingItemCount, 10_000 - seen.length);
				pages++;
			} while (token);
			const elapsed = Date.now() - started;
			assert.equal(pages, 20);
			assert.equal(seen.length, 10_000);
			assert.equal(new Set(seen).size, 10_000);
			// How fast is for bench/ (a clock in a test measures the neighbours): reported, not judged.
			console.log(`# paging 10,000 pods: ${elapsed} ms`);
		} finally {
			await local.stop();
		}
	});

	test('a continue token older than the history is 410 Expired', async () => {
		const first = await api(cluster, '/api/v1/pods?limit=1');
		assert.ok(first.json.metadata.continue);
		cluster.store.create('pods', runningPod('later', 'team-a'));
		cluster.faults.expireHistory();
		const next = await api(cluster, `/api/v1/pods?limit=1&continue=${encodeURIComponent(first.json.metadata.continue)}`);
		assert.equal(next.status, 410);
		assert.equal(next.json.reason, 'Expired');
		assert.match(next.json.message, /^The provided continue parameter is too old to display a consistent list result\./);
	});
});

describe('writes', () => {
	test('POST creates (201) and DELETE removes (200); both show in the store and the audit', async () => {
		cluster.audit.clear();
		const created = await api(cluster, '/api/v1/namespaces/team-a/configmaps', {method: 'POST', body: {apiVersion: 'v1', kind: 'ConfigMap', metadata: {name: 'settings'}, data: {a: '1'}}});
		assert.equal(created.status, 201);
		assert.equal(created.json.metadata.namespace, 'team-a');
		assert.ok(created.json.metadata.uid);
		assert.ok(cluster.store.get('configmaps', 'team-a', 'settings'));
		const again = await api(cluster, '/api/v1/namespaces/team-a/configmaps', {method: 'POST', body: {metadata: {name: 'settings'}}});
		assert.equal(again.status, 409);
		assert.equal(again.json.message, 'configmaps "settings" already exists');
		const deleted = await api(cluster, '/api/v1/namespaces/team-a/configmaps/settings', {method: 'DELETE'});
		assert.equal(deleted.status, 200);
		assert.equal(cluster.store.get('configmaps', 'team-a', 'settings'), undefined);
		const missingNamespace = await api(cluster, '/api/v1/namespaces/nope/pods', {method: 'POST', body: {metadata: {name: 'x'}, spec: {containers: []}}});
		assert.equal(missingNamespace.status, 404);
		assert.equal(missingNamespace.json.message, 'namespaces "nope" not found');
		assert.deepEqual(
			cluster.audit.entries.map(e => `${e.method} ${e.path} ${e.status}`),
			['POST /api/v1/namespaces/team-a/configmaps 201', 'POST /api/v1/namespaces/team-a/configmaps 409', 'DELETE /api/v1/namespaces/team-a/configmaps/settings 200', 'POST /api/v1/namespaces/nope/pods 404'],
		);
	});

	test('PATCH merges (null removes a key); PUT with a stale resourceVersion is 409 Conflict', async () => {
		const created: StoredObject = cluster.store.create('configmaps', {metadata: {name: 'cfg', namespace: 'default'}, data: {a: '1', b: '2'}});
		const patched = await fetch(`${cluster.url}/api/v1/namespaces/default/configmaps/cfg`, {
			method: 'PATCH',
			headers: {authorization: `Bearer ${cluster.token}`, 'content-type': 'application/merge-patch+json'},
			body: JSON.stringify({data: {b: null, c: '3'}}),
		});
		assert.equal(patched.status, 200);
		assert.deepEqual(cluster.store.get('configmaps', 'default', 'cfg')!.data, {a: '1', c: '3'});
		const stale = await api(cluster, '/api/v1/namespaces/default/configmaps/cfg', {method: 'PUT', body: {metadata: {name: 'cfg', resourceVersion: created.metadata.resourceVersion}, data: {}}});
		assert.equal(stale.status, 409);
		assert.equal(stale.json.message, 'Operation cannot be fulfilled on configmaps "cfg": the object has been modified; please apply your changes to the latest version and try again');
		const patchAs = (contentType: string, body: string) => fetch(`${cluster.url}/api/v1/namespaces/default/configmaps/cfg`, {
			method: 'PATCH',
			headers: {authorization: `Bearer ${cluster.token}`, 'content-type': contentType},
			body,
		});
		assert.equal((await patchAs('application/json-patch+json', '[{"op":"replace","path":"/data/a","value":"9"}]')).status, 200);
		assert.deepEqual(cluster.store.get('configmaps', 'default', 'cfg')!.data, {a: '9', c: '3'});
		assert.equal((await patchAs('text/plain', '{}')).status, 415);
	});

	test('methods a resource does not support are 405', async () => {
		const response = await api(cluster, '/api/v1/nodes/demo-node', {method: 'PUT', body: {}});
		assert.equal(response.status, 405);
		assert.equal(response.json.reason, 'MethodNotAllowed');
	});
});

describe('startDemoCluster', () => {
	test('a port in use is a one-line error', async () => {
		const blocker = createServer();
		await new Promise<void>(resolve => blocker.listen(0, '127.0.0.1', resolve));
		const port = (blocker.address() as {port: number}).port;
		try {
			await assert.rejects(startDemoCluster({kubelet: false, port}), {message: `port ${port} is already in use`});
		} finally {
			blocker.close();
		}
	});

	test('the kubeconfig names the server and the token', () => {
		assert.match(cluster.kubeconfig, new RegExp(`server: ${cluster.url}`));
		assert.match(cluster.kubeconfig, new RegExp(`token: ${cluster.token}`));
	});
});
