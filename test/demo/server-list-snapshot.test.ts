// Paginated lists are snapshot-consistent like the real API server's: every page is cut from the
// state at the first page's resourceVersion (pods created, changed or deleted between pages change
// nothing), continue tokens are the real base64 JSON, and a compacted token is 410 Expired with a
// token that continues inconsistently. kubectl --chunk-size pages through it.
import {after, describe, test} from 'node:test';
import assert from 'node:assert/strict';
import {startDemoCluster, type DemoCluster} from '../../demo/index.js';
import {ListSnapshots, type Snapshot} from '../../demo/list-snapshots.js';
import {ClusterStore} from '../../demo/store.js';
import {api, kubectl, runningPod} from './server-fixtures.js';

const TABLE = 'application/json;as=Table;v=v1;g=meta.k8s.io';
const started: DemoCluster[] = [];
after(async () => {
	await Promise.all(started.map(cluster => cluster.stop()));
});

/** A plain-HTTP cluster with pods p00..p(count-1), even ones in namespace a, odd ones in b. */
async function clusterWithPods(count: number, tls = false): Promise<DemoCluster> {
	const cluster = await startDemoCluster({kubelet: false, tls});
	started.push(cluster);
	for (const ns of ['a', 'b']) cluster.store.create('namespaces', {metadata: {name: ns}, status: {phase: 'Active'}});
	for (let i = 0; i < count; i++) cluster.store.create('pods', runningPod(podName(i), i % 2 === 0 ? 'a' : 'b', {app: 'web', even: String(i % 2 === 0)}));
	return cluster;
}
const podName = (i: number) => `p${String(i).padStart(2, '0')}`;

interface Listed {
	key: string;
	rv: string;
}

/** The items (JSON) or rows (Table, whose row objects carry the metadata) of a list response. */
function listed(json: any): Listed[] {
	const metadata: any[] = json.kind === 'Table' ? json.rows.map((row: any) => row.object.metadata) : json.items.map((item: any) => item.metadata);
	return metadata.map(m => ({key: `${m.namespace}/${m.name}`, rv: m.resourceVersion}));
}

/** The store's pods now (optionally in one namespace), sorted like a list. */
function storePods(cluster: DemoCluster, namespace?: string): Listed[] {
	return cluster.store
		.list('pods', namespace)
		.items.map(p => ({key: `${p.metadata.namespace}/${p.metadata.name}`, rv: p.metadata.resourceVersion!}))
		.sort((x, y) => (x.key < y.key ? -1 : 1));
}

const withContinue = (path: string, token: string | undefined) => (token ? `${path}&continue=${encodeURIComponent(token)}` : path);
const decodeToken = (token: string) => Buffer.from(token, 'base64url').toString('utf8');

describe('pages of one list come from the first page\'s snapshot', () => {
	for (const format of ['JSON', 'Table'] as const) {
		test(`${format}: pods created, changed and deleted between pages neither appear nor go missing; every page has the first RV`, async () => {
			const cluster = await clusterWithPods(12);
			const accept = format === 'Table' ? TABLE : 'application/json';
			const snapshot = storePods(cluster);
			const writesBetweenPages = [
				() => {
					cluster.store.create('pods', runningPod('p99', 'a')); // after the cursor (a/p06)
					cluster.store.create('pods', runningPod('p01', 'a')); // before it
					cluster.store.delete('pods', 'b', 'p05'); // not listed yet
					cluster.store.delete('pods', 'a', 'p00'); // listed already
					cluster.store.update('pods', 'a', 'p08', draft => void (draft.metadata.labels = {app: 'changed'})); // not listed yet
				},
				() => {
					cluster.store.create('pods', runningPod('p00', 'b'));
					cluster.store.delete('pods', 'b', 'p11');
				},
			];
			const seen: Listed[] = [];
			let firstRv: string | undefined;
			let token: string | undefined;
			let pages = 0;
			do {
				const {status, json} = await api(cluster, withContinue('/api/v1/pods?limit=4', token), {accept});
				assert.equal(status, 200);
				assert.equal(json.kind, format === 'Table' ? 'Table' : 'PodList');
				firstRv ??= json.metadata.resourceVersion;
				assert.equal(json.metadata.resourceVersion, firstRv, `page ${pages + 1} carries the first page's resourceVersion`);
				seen.push(...listed(json));
				token = json.metadata.continue;
				if (token) assert.equal(json.metadata.remainingItemCount, snapshot.length - seen.length);
				else assert.equal(json.metadata.remainingItemCount, undefined);
				writesBetweenPages[pages++]?.();
			} while (token);
			assert.equal(pages, 3);
			assert.deepEqual(seen, snapshot, 'the pages together are the snapshot: same pods, same versions, in order');
			assert.notEqual(firstRv, cluster.store.resourceVersion);

			const fresh = await api(cluster, '/api/v1/pods', {accept});
			assert.deepEqual(listed(fresh.json), storePods(cluster), 'a new list sees the writes');
			assert.notDeepEqual(listed(fresh.json), snapshot);
		});
	}

	test('a namespaced list with a label selector: consistent, no remainingItemCount, tokens start at the name', async () => {
		const cluster = await clusterWithPods(16);
		cluster.store.update('pods', 'a', 'p08', draft => void (draft.metadata.labels = {app: 'db'}));
		const snapshot = storePods(cluster, 'a').filter(p => p.key !== 'a/p08');
		const selector = encodeURIComponent('app=web');
		const seen: Listed[] = [];
		let token: string | undefined;
		let firstRv: string | undefined;
		let pages = 0;
		do {
			const {json} = await api(cluster, withContinue(`/api/v1/namespaces/a/pods?limit=3&labelSelector=${selector}`, token));
			firstRv ??= json.metadata.resourceVersion;
			assert.equal(json.metadata.resourceVersion, firstRv);
			assert.equal(json.metadata.remainingItemCount, undefined, 'a selector leaves remainingItemCount out');
			seen.push(...listed(json));
			token = json.metadata.continue;
			if (token) assert.match(decodeToken(token), /^\{"v":"meta\.k8s\.io\/v1","rv":\d+,"start":"p\d\d\\u0000"\}$/);
			if (pages++ === 0) {
				// Between pages: the changed pod matches again, a new matching pod appears, one goes.
				cluster.store.update('pods', 'a', 'p08', draft => void (draft.metadata.labels = {app: 'web'}));
				cluster.store.create('pods', runningPod('p98', 'a', {app: 'web'}));
				cluster.store.delete('pods', 'a', 'p14');
			}
		} while (token);
		assert.equal(pages, 3);
		assert.deepEqual(seen, snapshot);
	});

	test('the continue token is unpadded base64url of the real JSON; start is the key below the list prefix', async () => {
		const cluster = await clusterWithPods(6);
		const {json} = await api(cluster, '/api/v1/pods?limit=2');
		assert.doesNotMatch(json.metadata.continue, /[=+/]/);
		assert.equal(decodeToken(json.metadata.continue), `{"v":"meta.k8s.io/v1","rv":${json.metadata.resourceVersion},"start":"a/p02\\u0000"}`);
		const ns = await api(cluster, '/api/v1/namespaces/b/pods?limit=1');
		assert.equal(JSON.parse(decodeToken(ns.json.metadata.continue)).start, 'p01\u0000');
		const namespaces = await api(cluster, '/api/v1/namespaces?limit=1');
		assert.equal(JSON.parse(decodeToken(namespaces.json.metadata.continue)).start, 'a\u0000');
	});

	test('a list with resourceVersion and a limit (legacy exact) reads that snapshot; from 0 the limit is ignored; a future one is 504', async () => {
		const cluster = await clusterWithPods(5);
		const before = storePods(cluster);
		const rv = cluster.store.resourceVersion;
		cluster.store.delete('pods', 'a', 'p02');
		cluster.store.create('pods', runningPod('p50', 'b'));
		cluster.store.update('pods', 'b', 'p01', draft => void (draft.metadata.labels = {x: 'y'}));
		const seen: Listed[] = [];
		let token: string | undefined;
		do {
			const {json} = await api(cluster, token ? withContinue('/api/v1/pods?limit=2', token) : `/api/v1/pods?limit=2&resourceVersion=${rv}`);
			assert.equal(json.metadata.resourceVersion, rv);
			seen.push(...listed(json));
			token = json.metadata.continue;
		} while (token);
		assert.deepEqual(seen, before);
		const exact = await api(cluster, `/api/v1/pods?resourceVersion=${rv}&resourceVersionMatch=Exact`);
		assert.deepEqual(listed(exact.json), before);
		const any = await api(cluster, '/api/v1/pods?limit=2&resourceVersion=0');
		assert.equal(any.json.items.length, 5, 'the watch cache ignores the limit of a list from resourceVersion 0');
		assert.equal(any.json.metadata.continue, undefined);
		const future = await api(cluster, `/api/v1/pods?resourceVersion=${Number(cluster.store.resourceVersion) + 100}&resourceVersionMatch=Exact`);
		assert.equal(future.status, 504);
		assert.match(future.json.message, /^Timeout: Too large resource version: \d+, current: \d+$/);
	});

	test('more lists in flight than the server pins snapshots for: each still pages through its own snapshot', async () => {
		const cluster = await clusterWithPods(5);
		const lists: Array<{expected: Listed[]; first: any}> = [];
		for (let i = 0; i < 40; i++) {
			const expected = storePods(cluster);
			const {json} = await api(cluster, '/api/v1/pods?limit=2');
			lists.push({expected, first: json});
			cluster.store.create('pods', runningPod(`q${String(i).padStart(2, '0')}`, i % 2 ? 'a' : 'b'));
			cluster.store.delete('pods', i % 2 ? 'b' : 'a', podName(i % 5));
			cluster.store.create('pods', runningPod(podName(i % 5), i % 2 ? 'b' : 'a'));
		}
		for (const {expected, first} of lists) {
			const seen = listed(first);
			let token: string | undefined = first.metadata.continue;
			while (token) {
				const {json} = await api(cluster, withContinue('/api/v1/pods?limit=2', token));
				assert.equal(json.metadata.resourceVersion, first.metadata.resourceVersion);
				seen.push(...listed(json));
				token = json.metadata.continue;
			}
			assert.deepEqual(seen, expected);
		}
	});
});

describe('expired and invalid continue tokens', () => {
	test('a token whose resourceVersion was compacted is 410 Expired with a token that continues from the latest state', async () => {
		const cluster = await clusterWithPods(6);
		const first = await api(cluster, '/api/v1/pods?limit=2');
		cluster.store.create('pods', runningPod('p97', 'a'));
		cluster.store.delete('pods', 'b', 'p05');
		cluster.faults.expireHistory();
		for (const accept of ['application/json', TABLE]) {
			const gone = await api(cluster, withContinue('/api/v1/pods?limit=2', first.json.metadata.continue), {accept});
			assert.equal(gone.status, 410);
			assert.equal(gone.json.kind, 'Status');
			assert.equal(gone.json.reason, 'Expired');
			assert.equal(gone.json.code, 410);
			assert.equal(
				gone.json.message,
				'The provided continue parameter is too old to display a consistent list result. You can start a new list without the continue parameter, or use the continue token in this response to retrieve the remainder of the results. Continuing with the provided token results in an inconsistent list - objects that were created, modified, or deleted between the time the first chunk was returned and now may show up in the list.',
			);
			assert.equal(decodeToken(gone.json.metadata.continue), '{"v":"meta.k8s.io/v1","rv":-1,"start":"a/p02\\u0000"}');
		}
		const gone = await api(cluster, withContinue('/api/v1/pods?limit=2', first.json.metadata.continue));
		// The inconsistent rest: today's pods after a/p02, at today's resourceVersion.
		const rest: Listed[] = [];
		let token: string | undefined = gone.json.metadata.continue;
		while (token) {
			const {status, json} = await api(cluster, withContinue('/api/v1/pods?limit=2', token));
			assert.equal(status, 200);
			assert.equal(json.metadata.resourceVersion, cluster.store.resourceVersion);
			rest.push(...listed(json));
			token = json.metadata.continue;
		}
		assert.deepEqual(rest, storePods(cluster).filter(p => p.key > 'a/p02'));
		assert.ok(rest.some(p => p.key === 'a/p97'));
		assert.ok(!rest.some(p => p.key === 'b/p05'));
	});

	test('malformed tokens are 400 like DecodeContinue; continue with resourceVersion is 400, with resourceVersionMatch 422', async () => {
		const cluster = await clusterWithPods(3);
		const token = (value: object) => Buffer.from(JSON.stringify(value)).toString('base64url');
		const cases: Array<[string, string]> = [
			['%%%', 'invalid continue token: continue key is not valid: incorrect encoded start resourceVersion (version meta.k8s.io/v1): illegal base64 data at input byte 0'],
			[token({v: 'meta.k8s.io/v1', rv: 0, start: 'a/p00\u0000'}), 'invalid continue token: continue key is not valid: incorrect encoded start resourceVersion (version meta.k8s.io/v1)'],
			[token({v: 'meta.k8s.io/v2', rv: 5, start: 'a/p00\u0000'}), 'invalid continue token: continue key is not valid: server does not recognize this encoded version meta.k8s.io/v2'],
			[token({v: 'meta.k8s.io/v1', rv: 5, start: ''}), 'invalid continue token: continue key is not valid: encoded start key empty (version meta.k8s.io/v1)'],
			[token({v: 'meta.k8s.io/v1', rv: 5, start: '../x'}), 'invalid continue token: continue key is not valid: ../x'],
		];
		for (const [value, message] of cases) {
			const response = await api(cluster, `/api/v1/pods?limit=1&continue=${encodeURIComponent(value)}`);
			assert.equal(response.status, 400, value);
			assert.equal(response.json.message, message);
		}
		const first = await api(cluster, '/api/v1/pods?limit=1');
		const continued = withContinue('/api/v1/pods?limit=1', first.json.metadata.continue);
		const withRv = await api(cluster, `${continued}&resourceVersion=${first.json.metadata.resourceVersion}`);
		assert.equal(withRv.status, 400);
		assert.equal(withRv.json.message, 'specifying resource version is not allowed when using continue');
		const withMatch = await api(cluster, `${continued}&resourceVersion=1&resourceVersionMatch=NotOlderThan`);
		assert.equal(withMatch.status, 422);
		assert.equal(withMatch.json.message, 'ListOptions.meta.k8s.io "" is invalid: resourceVersionMatch: Forbidden: resourceVersionMatch is forbidden when continue is provided');
	});
});

describe('ListSnapshots', () => {
	test('pins at most maxKept views for at most ttlMs; compaction drops them and their resourceVersions are expired', () => {
		const store = new ClusterStore();
		let clock = 0;
		const snapshots = new ListSnapshots(store, {maxKept: 2, ttlMs: 1000, now: () => clock});
		const views: Snapshot[] = [];
		for (let i = 0; i < 3; i++) {
			store.create('pods', runningPod(`p${i}`));
			views.push(snapshots.current('pods'));
			snapshots.keep('pods', views[i]!);
		}
		assert.equal(snapshots.keptCount, 2);
		assert.deepEqual(views.map(v => v.keys.length), [1, 2, 3], 'a view handed out never changes');
		// The evicted one is rebuilt from the history.
		const rebuilt = snapshots.at('pods', views[0]!.rv);
		assert.ok(typeof rebuilt === 'object');
		assert.deepEqual(rebuilt.keys, ['default/p0']);
		assert.equal(rebuilt.objects[0], views[0]!.objects[0]);
		clock += 1001;
		assert.equal(snapshots.at('pods', views[2]!.rv), snapshots.current('pods'), 'the current resourceVersion is the live view');
		assert.equal(snapshots.keptCount, 0);
		snapshots.keep('pods', views[1]!);
		store.compact();
		assert.equal(snapshots.at('pods', views[1]!.rv), 'expired');
		assert.equal(snapshots.keptCount, 0);
		assert.equal(snapshots.at('pods', Number(store.resourceVersion) + 1), 'future');
	});
});

describe('kubectl', () => {
	test('get pods -A --chunk-size=2 pages through every pod with continue tokens', async () => {
		const cluster = await clusterWithPods(7, true);
		cluster.audit.clear();
		const {code, stdout, stderr} = await kubectl(cluster, 'get', 'pods', '-A', '--chunk-size=2');
		assert.equal(code, 0, stderr);
		const rows = stdout.trimEnd().split('\n').map(line => line.split(/\s+/).slice(0, 2).join('/'));
		assert.deepEqual(rows, ['NAMESPACE/NAME', ...storePods(cluster).map(p => p.key)]);
		const lists = cluster.audit.entries.filter(e => e.method === 'GET' && e.path === '/api/v1/pods');
		assert.equal(lists.length, 4);
		assert.ok(lists.every(e => new URLSearchParams(e.query).get('limit') === '2'));
		assert.equal(lists.filter(e => new URLSearchParams(e.query).has('continue')).length, 3);
	});
});
