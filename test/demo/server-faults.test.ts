// Fault injection and the audit log of the demo API server; stop() lets the process exit.
import {after, before, describe, test} from 'node:test';
import assert from 'node:assert/strict';
import {spawnSync} from 'node:child_process';
import {startDemoCluster, type DemoCluster} from '../../demo/index.js';
import {api, openStream, runningPod, until} from './server-fixtures.js';

let cluster: DemoCluster;
before(async () => {
	cluster = await startDemoCluster({kubelet: false, tls: false});
	cluster.store.create('namespaces', {metadata: {name: 'team-a'}, status: {phase: 'Active'}});
	cluster.store.create('pods', runningPod('web'));
	cluster.store.create('pods', runningPod('db', 'team-a'));
});
after(() => cluster.stop());

describe('faults', () => {
	test('failNext: the next N requests answer a 5xx Status, then service resumes', async () => {
		cluster.faults.failNext(2);
		const first = await api(cluster, '/api/v1/pods');
		assert.equal(first.status, 500);
		assert.equal(first.json.kind, 'Status');
		assert.equal(first.json.reason, 'InternalError');
		cluster.faults.failNext(1, 503);
		const unavailable = await api(cluster, '/api/v1/pods');
		assert.equal(unavailable.status, 503);
		assert.equal(unavailable.json.reason, 'ServiceUnavailable');
		assert.equal((await api(cluster, '/api/v1/pods')).status, 200);
	});

	test('forbidClusterScope: 403 with the RBAC message on cluster-scope lists and watches only', async () => {
		cluster.faults.forbidClusterScope(true);
		try {
			const list = await api(cluster, '/api/v1/pods');
			assert.equal(list.status, 403);
			assert.equal(list.json.reason, 'Forbidden');
			assert.equal(list.json.message, 'pods is forbidden: User "demo" cannot list resource "pods" in API group "" at the cluster scope');
			const watch = await api(cluster, '/api/v1/pods?watch=1');
			assert.equal(watch.json.message, 'pods is forbidden: User "demo" cannot watch resource "pods" in API group "" at the cluster scope');
			assert.equal((await api(cluster, '/api/v1/namespaces/team-a/pods')).status, 200);
		} finally {
			cluster.faults.forbidClusterScope(false);
		}
		assert.equal((await api(cluster, '/api/v1/pods')).status, 200);
	});

	test('restrictNamespaces: 403 outside the allowed namespaces', async () => {
		cluster.faults.restrictNamespaces(['team-a']);
		try {
			assert.equal((await api(cluster, '/api/v1/namespaces/team-a/pods')).status, 200);
			const list = await api(cluster, '/api/v1/namespaces/default/pods');
			assert.equal(list.status, 403);
			assert.equal(list.json.message, 'pods is forbidden: User "demo" cannot list resource "pods" in API group "" in the namespace "default"');
			const get = await api(cluster, '/api/v1/namespaces/default/pods/web');
			assert.equal(get.json.message, 'pods "web" is forbidden: User "demo" cannot get resource "pods" in API group "" in the namespace "default"');
			const log = await api(cluster, '/api/v1/namespaces/default/pods/web/log');
			assert.equal(log.json.message, 'pods "web" is forbidden: User "demo" cannot get resource "pods/log" in API group "" in the namespace "default"');
			assert.equal((await api(cluster, '/api/v1/pods')).status, 403);
		} finally {
			cluster.faults.restrictNamespaces(undefined);
		}
		assert.equal((await api(cluster, '/api/v1/namespaces/default/pods')).status, 200);
	});

	test('setLatency delays every response', async () => {
		// A latency far above what a busy machine adds, so "delayed" and "not delayed" cannot be confused.
		cluster.faults.setLatency(3000);
		try {
			const started = Date.now();
			await api(cluster, '/api/v1/namespaces/default/pods');
			assert.ok(Date.now() - started >= 2990);
		} finally {
			cluster.faults.setLatency(0);
		}
		// Lifted: a latency of ten minutes, set then lifted, does not hold the answer (the test's own
		// timeout, far below ten minutes, would fail it), however slow the machine.
		cluster.faults.setLatency(600_000);
		cluster.faults.setLatency(0);
		assert.equal((await api(cluster, '/api/v1/namespaces/default/pods')).status, 200);
	});

	test('down: connection refused and open watches cut; up: the same port serves again', async () => {
		const watch = await openStream(cluster, '/api/v1/pods?watch=1');
		await until('watch started', () => watch.lines.length > 0);
		await cluster.faults.down();
		await watch.done;
		// A pooled keep-alive socket may first report its reset; a new connection is refused.
		await api(cluster, '/api/v1/pods').then(
			() => assert.fail('served while down'),
			() => undefined,
		);
		await assert.rejects(api(cluster, '/api/v1/pods'), (error: Error & {cause?: {code?: string}}) => error.cause?.code === 'ECONNREFUSED');
		await cluster.faults.up();
		assert.equal((await api(cluster, '/api/v1/pods')).status, 200);
	});
});

describe('audit', () => {
	test('records method, path, query, status, time and user agent of every request', async () => {
		cluster.audit.clear();
		const before = Date.now();
		await api(cluster, '/api/v1/namespaces/default/pods?limit=5');
		await api(cluster, '/api/v1/pods', {token: 'bad'});
		const watch = await openStream(cluster, '/api/v1/namespaces/default/pods?watch=1&timeoutSeconds=1');
		await until('the watch is audited while it is open', () => cluster.audit.entries.length === 3);
		await watch.done;
		const entries = cluster.audit.entries;
		assert.deepEqual(
			entries.map(e => [e.method, e.path, e.query, e.status]),
			[
				['GET', '/api/v1/namespaces/default/pods', 'limit=5', 200],
				['GET', '/api/v1/pods', '', 401],
				['GET', '/api/v1/namespaces/default/pods', 'watch=1&timeoutSeconds=1', 200],
			],
		);
		assert.ok(entries.every(e => e.at >= before && e.userAgent === 'node'));
	});
});

describe('stop', () => {
	test('a process that started and stopped clusters (watches and follows open, kubelet playing) exits by itself', () => {
		const script = `
			import {startDemoCluster} from './demo/index.ts';
			const c = await startDemoCluster({kubelet: false, tls: false, bookmarkIntervalMs: 100});
			c.store.create('pods', {metadata: {name: 'p', namespace: 'default'}, spec: {nodeName: 'n', containers: [{name: 'a'}]},
				status: {containerStatuses: [{name: 'a', ready: true, restartCount: 0, containerID: 'x://1', state: {running: {}}}]}});
			const h = {authorization: 'Bearer ' + c.token};
			const watch = await fetch(c.url + '/api/v1/pods?watch=1&allowWatchBookmarks=true', {headers: h});
			const follow = await fetch(c.url + '/api/v1/namespaces/default/pods/p/log?follow=true', {headers: h});
			const played = await startDemoCluster({speed: 10});
			await new Promise(resolve => setTimeout(resolve, 500));
			await Promise.all([c.stop(), played.stop()]);
			await Promise.allSettled([watch.text(), follow.text()]);
			console.log('stopped');
		`;
		const result = spawnSync(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', script], {cwd: new URL('../..', import.meta.url).pathname, timeout: 20_000, encoding: 'utf8'});
		assert.equal(result.stdout.trim(), 'stopped', result.stderr);
		assert.equal(result.status, 0, 'exited on its own before the timeout');
	});
});
