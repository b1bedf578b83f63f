// The log follower on the demo's exit-127 crash loop at speed 8: short instances start and end
// between two pod watch events, yet every instance the API can still serve is shown, numbered
// restartCount + 1, and a truly lost one is said to be lost.
import assert from 'node:assert/strict';
import {after, before, test} from 'node:test';
import type {DemoCluster} from '../../demo/index.js';
import {startDemoCluster} from '../../demo/index.js';
import type {Pod} from '../../source/model/k8s-types.js';
import {openSession} from '../../source/kube/session.js';
import type {ClusterSession, LogFollower} from '../../source/kube/types.js';
import {testTunables, waitFor} from './helpers.js';

let demo: DemoCluster;
let session: ClusterSession;

before(async () => {
	demo = await startDemoCluster({scenarios: ['exit-127'], speed: 8, bookmarkIntervalMs: 300});
	session = await openSession({kubeconfig: demo.kubeconfigPath, env: {}, tunables: testTunables});
});
after(async () => {
	session.close();
	await demo.stop();
});

const restartCount = () => {
	const pod = demo.store.get('pods', 'default', 'myapp-pod') as unknown as Pod | undefined;
	return pod?.status?.initContainerStatuses?.find(status => status.name === 'init-failed-test')?.restartCount ?? 0;
};

/** One row per instance shown: `#n:` + its lines, or `#n:missing`. */
function instancesShown(follower: LogFollower): string[] {
	const rows: string[] = [];
	for (const entry of follower.entries()) {
		if (entry.type === 'notice') {
			const notice = entry.notice;
			if (notice.kind === 'streaming') rows.push(`#${notice.instance}:`);
			if (notice.kind === 'unavailable') rows.push(`#${notice.instance}:missing`);
		} else {
			const last = rows.length - 1;
			if (last >= 0) rows[last] += entry.line.text;
		}
	}
	return rows;
}

test('exit-127 at speed 8: every instance followed in order, #n = restartCount + 1, none skipped', async () => {
	const follower = session.followLog({namespace: 'default', pod: 'myapp-pod', container: 'init-failed-test'});
	try {
		// The pod watch goes quiet while two instances run and end (events arrive later in one burst).
		await waitFor('two restarts', () => restartCount() >= 2, 20_000);
		demo.faults.stallWatches(true);
		await waitFor('two more restarts', () => restartCount() >= 4, 20_000);
		demo.faults.stallWatches(false);
		await waitFor('five restarts', () => restartCount() >= 5, 40_000);
		await waitFor('the follower reaches the current instance', () => instancesShown(follower).length >= restartCount(), 10_000);
		const shown = instancesShown(follower);
		const numbers = shown.map(row => Number(/^#(\d+)/.exec(row)![1]));
		assert.deepEqual(numbers, numbers.map((_, index) => index + 1), `instances in order without gaps: ${shown.join(' | ')}`);
		for (const row of shown.slice(0, -1)) assert.match(row, /^#\d+:(sh: hello\.sh: not found|missing)$/);
		const restarted = follower.entries().flatMap(entry => (entry.type === 'notice' && entry.notice.kind === 'restarted' ? [entry.notice.instance] : []));
		assert.deepEqual(restarted, restarted.map((_, index) => index + 2), 'restart separators count up by one');
		// The demo keeps every instance's log, so nothing may be reported missing here.
		assert.ok(!shown.some(row => row.endsWith('missing')), shown.join(' | '));
	} finally {
		follower.stop();
	}
});
