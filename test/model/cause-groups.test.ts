// Cause groups: replicas of one workload stuck the same way make one group; pods of several
// workloads failing the same way on one node, one image or one missing object make one group that
// names it; what differs in cause, owner or place stays apart. Table-driven over pods built the
// way the API server stores controller pods (ownerReferences, pod-template-hash, generateName).
import {describe, it} from 'node:test';
import assert from 'node:assert/strict';
import type {Container, ContainerStatus, Pod} from '../../source/model/k8s-types.js';
import {summarizePod} from '../../source/model/pod-health.js';
import {groupCauses, groupStep, groupTitle, trackRecovered, RECOVERED_MS, type CauseGroup} from '../../source/model/cause-groups.js';

const NOW = Date.parse('2026-01-01T00:10:00Z');
const START = '2026-01-01T00:00:00Z';
const REGISTRY_DOWN = (image: string) => `rpc error: code = Unknown desc = failed to pull and unpack image "${image}": failed to resolve reference "${image}": failed to do request: Head "https://registry.shop.internal/v2/${image.split('/').slice(1).join('/').replace(':', '/manifests/')}": dial tcp 10.40.0.15:443: i/o timeout`;

type Trouble =
	| {kind: 'exit'; code: number; init?: string}
	| {kind: 'pull'; image: string; backoff?: boolean; error?: string}
	| {kind: 'wait-service'; host: string}
	| {kind: 'configmap'; name: string}
	| {kind: 'healthy'};

let serial = 0;

/** A pod of `workload` (a Deployment unless `owner` says otherwise) on `node` with one kind of trouble. */
function pod(workload: string, node: string, trouble: Trouble, options: {namespace?: string; owner?: 'Deployment' | 'StatefulSet' | 'Pod'; started?: string} = {}): Pod {
	const namespace = options.namespace ?? 'shop';
	const hash = `${workload.length}7d9f8b6c`;
	serial++;
	const suffix = `x${serial.toString(36).padStart(4, '0')}`;
	const kind = options.owner ?? 'Deployment';
	const name = kind === 'Deployment' ? `${workload}-${hash}-${suffix}` : kind === 'StatefulSet' ? `${workload}-${serial}` : workload;
	const started = options.started ?? START;
	const initContainers: Container[] = [];
	const initStatuses: ContainerStatus[] = [];
	const app: Container = {name: workload, image: trouble.kind === 'pull' ? trouble.image : `ghcr.io/shop/${workload}:1.0`};
	let appStatus: ContainerStatus = {name: workload, image: app.image!, imageID: '', ready: true, restartCount: 0, state: {running: {startedAt: started}}};
	const doneInit = (container: string): ContainerStatus => ({name: container, image: 'busybox', imageID: '', ready: true, restartCount: 0, state: {terminated: {exitCode: 0, reason: 'Completed', startedAt: started, finishedAt: started}}});
	const notStarted: ContainerStatus = {...appStatus, ready: false, state: {waiting: {reason: 'PodInitializing'}}};
	switch (trouble.kind) {
		case 'exit': {
			const container = trouble.init ?? 'migrate-db';
			initContainers.push({name: 'check-config', image: 'busybox', command: ['sh', '-c', 'true']}, {name: container, image: 'ghcr.io/shop/api:2.3.0', command: ['migrate-db', 'up']});
			initStatuses.push(doneInit('check-config'), {name: container, image: 'ghcr.io/shop/api:2.3.0', imageID: '', ready: false, restartCount: 4, state: {waiting: {reason: 'CrashLoopBackOff', message: `back-off 1m20s restarting failed container=${container} pod=${name}_${namespace}(uid-${serial})`}}, lastState: {terminated: {exitCode: trouble.code, reason: 'Error', startedAt: '2026-01-01T00:08:00Z', finishedAt: '2026-01-01T00:08:01Z'}}});
			appStatus = notStarted;
			break;
		}
		case 'pull':
			appStatus = {...appStatus, ready: false, state: {waiting: trouble.backoff
				? {reason: 'ImagePullBackOff', message: `Back-off pulling image "${trouble.image}": ErrImagePull: ${trouble.error ?? REGISTRY_DOWN(trouble.image)}`}
				: {reason: 'ErrImagePull', message: trouble.error ?? REGISTRY_DOWN(trouble.image)}}};
			break;
		case 'wait-service':
			initContainers.push({name: 'wait-for-it', image: 'busybox:1.28', command: ['sh', '-c', `until nslookup ${trouble.host}; do echo waiting; sleep 2; done`]});
			initStatuses.push({name: 'wait-for-it', image: 'busybox:1.28', imageID: '', ready: false, restartCount: 0, state: {running: {startedAt: started}}});
			appStatus = notStarted;
			break;
		case 'configmap':
			appStatus = {...appStatus, ready: false, state: {waiting: {reason: 'CreateContainerConfigError', message: `configmap "${trouble.name}" not found`}}};
			break;
		case 'healthy':
			break;
	}
	const ownerReferences = kind === 'Pod' ? undefined : [{apiVersion: 'apps/v1', kind: kind === 'Deployment' ? 'ReplicaSet' : kind, name: kind === 'Deployment' ? `${workload}-${hash}` : workload, uid: `owner-${workload}`, controller: true}];
	return {
		apiVersion: 'v1',
		kind: 'Pod',
		metadata: {name, namespace, uid: `uid-${serial}`, creationTimestamp: started, ...(kind === 'Deployment' ? {generateName: `${workload}-${hash}-`, labels: {app: workload, 'pod-template-hash': hash}} : {}), ...(ownerReferences ? {ownerReferences} : {})},
		spec: {nodeName: node, initContainers, containers: [app]},
		status: {phase: trouble.kind === 'healthy' ? 'Running' : 'Pending', startTime: started, podIP: `10.244.0.${serial % 250}`, initContainerStatuses: initStatuses, containerStatuses: [appStatus]},
	};
}

const groupsOf = (pods: Pod[]): CauseGroup[] => groupCauses(pods.map(p => summarizePod(p, NOW)), NOW);
const times = <T>(n: number, make: (i: number) => T): T[] => Array.from({length: n}, (_, i) => make(i));
const sizes = (groups: CauseGroup[]) => groups.map(group => `${group.kind}:${group.pods.length}`);

describe('cause groups', () => {
	const cases: Array<{name: string; pods: () => Pod[]; expect: string[]; title?: RegExp; step?: string}> = [
		{
			name: 'twenty replicas of one Deployment at the same init step: one group',
			pods: () => times(20, i => pod('api', `node-${i % 3}`, {kind: 'exit', code: 127})),
			expect: ['workload:20'],
			title: /^Deployment shop\/api: 20 pods — exit 127 \(command not found\)$/,
			step: 'init 2/2 migrate-db',
		},
		{
			name: 'three workloads on one node failing to pull from a broken registry (ErrImagePull and ImagePullBackOff alike): one node group',
			pods: () => ['orders', 'inventory', 'recommendations'].flatMap((name, i) => [
				pod(name, 'worker-3', {kind: 'pull', image: `registry.shop.internal/shop/${name}:4.${i}.0`}),
				pod(name, 'worker-3', {kind: 'pull', image: `registry.shop.internal/shop/${name}:4.${i}.0`, backoff: true}),
				pod(name, 'worker-1', {kind: 'healthy'}),
			]),
			expect: ['node:6'],
			title: /^node worker-3: 6 pods of 3 workloads — can't pull image: registry unreachable$/,
		},
		{
			name: 'one image reference failing on every node across workloads: one image group, not one per node',
			pods: () => ['web', 'admin'].flatMap(name => times(3, i => pod(name, `node-${i}`, {kind: 'pull', image: 'ghcr.io/shop/base:typo', error: 'rpc error: code = NotFound desc = failed to pull and unpack image "ghcr.io/shop/base:typo": ghcr.io/shop/base:typo: not found'}))),
			expect: ['image:6'],
			title: /^image ghcr\.io\/shop\/base:typo: 6 pods of 2 workloads — can't pull image: image not found$/,
		},
		{
			name: 'two workloads waiting for the same missing Service (short and long DNS names): one object group',
			pods: () => [
				...times(2, i => pod('notifications', `node-${i}`, {kind: 'wait-service', host: 'rabbitmq'})),
				...times(2, i => pod('email-worker', `node-${i}`, {kind: 'wait-service', host: 'rabbitmq.shop.svc.cluster.local'})),
			],
			expect: ['object:4'],
			title: /^Service shop\/rabbitmq: 4 pods of 2 workloads — waits for Service shop\/rabbitmq$/,
			step: 'init 1/1 wait-for-it',
		},
		{
			name: 'a StatefulSet and a Deployment missing one ConfigMap: one object group',
			pods: () => [pod('db', 'node-1', {kind: 'configmap', name: 'shared-config'}, {owner: 'StatefulSet'}), pod('api', 'node-2', {kind: 'configmap', name: 'shared-config'})],
			expect: ['object:2'],
			title: /^ConfigMap shop\/shared-config: 2 pods of 2 workloads — ConfigMap shared-config not found$/,
		},
		// What must not be grouped.
		{
			name: 'healthy and merely starting pods make no group',
			pods: () => [pod('web', 'node-1', {kind: 'healthy'}), pod('queue', 'node-1', {kind: 'wait-service', host: 'rabbitmq'}, {started: '2026-01-01T00:09:30Z'})],
			expect: [],
		},
		{
			name: 'two workloads failing with exit 127 on one node: same code, not the same cause',
			pods: () => [pod('api', 'node-1', {kind: 'exit', code: 127}), pod('worker', 'node-1', {kind: 'exit', code: 127})],
			expect: ['workload:1', 'workload:1'],
		},
		{
			name: 'one workload, two exit codes: two groups',
			pods: () => [...times(3, () => pod('api', 'node-1', {kind: 'exit', code: 127})), pod('api', 'node-1', {kind: 'exit', code: 1})],
			expect: ['workload:3', 'workload:1'],
		},
		{
			name: 'the same Deployment name in two namespaces: two groups',
			pods: () => [pod('api', 'node-1', {kind: 'exit', code: 127}, {namespace: 'a'}), pod('api', 'node-1', {kind: 'exit', code: 127}, {namespace: 'b'})],
			expect: ['workload:1', 'workload:1'],
		},
		{
			name: 'one workload on a broken node: its own group, no node group for one workload',
			pods: () => times(2, () => pod('orders', 'worker-3', {kind: 'pull', image: 'registry.shop.internal/shop/orders:4.1.0'})),
			expect: ['workload:2'],
		},
		{
			name: 'pull failures of two workloads on two different nodes with different images: apart',
			pods: () => [pod('orders', 'worker-1', {kind: 'pull', image: 'registry.shop.internal/shop/orders:1'}), pod('cart', 'worker-2', {kind: 'pull', image: 'registry.shop.internal/shop/cart:1'})],
			expect: ['workload:1', 'workload:1'],
		},
		{
			name: 'two workloads waiting for different Services: apart',
			pods: () => [pod('a', 'node-1', {kind: 'wait-service', host: 'rabbitmq'}), pod('b', 'node-1', {kind: 'wait-service', host: 'redis'})],
			expect: ['workload:1', 'workload:1'],
		},
	];
	for (const test of cases) {
		it(test.name, () => {
			const groups = groupsOf(test.pods());
			assert.deepEqual(sizes(groups), test.expect);
			if (test.title) assert.match(groupTitle(groups[0]!), test.title);
			if (test.step) assert.equal(groupStep(groups[0]!), test.step);
			// Every troubled pod is in exactly one group.
			const uids = groups.flatMap(group => group.pods.map(member => member.uid));
			assert.equal(new Set(uids).size, uids.length);
		});
	}

	it('worst first, then the biggest; ids are stable and derived from the key', () => {
		const pods = [
			...times(2, () => pod('notifications', 'node-1', {kind: 'wait-service', host: 'rabbitmq'})),
			...times(5, () => pod('api', 'node-1', {kind: 'exit', code: 127})),
			...times(9, () => pod('worker', 'node-1', {kind: 'exit', code: 1})),
		];
		const groups = groupsOf(pods);
		assert.deepEqual(groups.map(group => [group.severity, group.pods.length]), [['failing', 9], ['failing', 5], ['stuck', 2]]);
		const again = groupsOf([...pods].reverse());
		assert.deepEqual(again.map(group => group.id), groups.map(group => group.id));
		assert.match(groups[0]!.id, /^[0-9a-f]{12}$/);
		assert.deepEqual(groups[0]!.parts, {owner: 'Deployment/shop/worker', stage: 'init', blocker: 'migrate-db', reason: 'exit:1', suspect: '', message: ''});
	});

	it('names the namespaces, nodes and owners involved, since when the oldest is stuck, and whether pods are still joining', () => {
		const groups = groupsOf([
			pod('api', 'node-1', {kind: 'wait-service', host: 'rabbitmq'}),
			pod('api', 'node-2', {kind: 'wait-service', host: 'rabbitmq'}, {started: '2026-01-01T00:07:00Z'}),
		]);
		assert.equal(groups.length, 1);
		const [group] = groups;
		assert.deepEqual(group!.nodes, ['node-1', 'node-2']);
		assert.deepEqual(group!.namespaces, ['shop']);
		assert.deepEqual(group!.owners.map(owner => `${owner.kind} ${owner.name}`), ['Deployment api']);
		assert.equal(group!.oldestSince, Date.parse(START));
		assert.equal(group!.joining, false);
		const joining = groupsOf([pod('api', 'node-1', {kind: 'exit', code: 127}), pod('api', 'node-1', {kind: 'exit', code: 127}, {started: '2026-01-01T00:09:30Z'})]);
		assert.equal(joining[0]!.joining, true);
	});

	it('a group that empties is kept as recovered for a short while, and leaves when it is back in trouble', () => {
		const [group] = groupsOf([pod('api', 'node-1', {kind: 'exit', code: 127})]);
		const recovered = trackRecovered([group!], [], [], NOW);
		assert.deepEqual(recovered.map(entry => entry.group.id), [group!.id]);
		assert.equal(trackRecovered([], [], recovered, NOW + 1000).length, 1);
		assert.equal(trackRecovered([], [], recovered, NOW + RECOVERED_MS).length, 0);
		assert.equal(trackRecovered([], [group!], recovered, NOW + 1000).length, 0);
	});
});
