// PodView and DescribeView rendered by ink-testing-library with a real session against the demo
// cluster (simulated kubelet playing the scenarios): the same facts a user sees, without a pty.
import {after, before, test} from 'node:test';
import assert from 'node:assert/strict';
import React from 'react';
import {render} from 'ink-testing-library';
import {startDemoCluster, type DemoCluster} from '../../demo/index.js';
import {InputProvider} from '../../source/input/InputProvider.js';
import {BackOnEsc} from '../fixtures/back-on-esc.js';
import {NavigationContext, SessionContext, type Navigation, type Route} from '../../source/app-context.js';
import {openSession} from '../../source/kube/session.js';
import type {ClusterSession} from '../../source/kube/types.js';
import {DescribeView} from '../../source/views/DescribeView.js';
import {PodView} from '../../source/views/PodView.js';
import {loadPod} from '../fixtures/findings/load.js';

let demo: DemoCluster;
let session: ClusterSession;
/** No kubelet: the test writes the pod itself (a fixture from a public report). */
let still: DemoCluster;
let stillSession: ClusterSession;

before(async () => {
	demo = await startDemoCluster({scenarios: ['exit-127', 'dependency-wait'], speed: 10});
	session = await openSession({kubeconfig: demo.kubeconfigPath, env: {}});
	still = await startDemoCluster({kubelet: false});
	stillSession = await openSession({kubeconfig: still.kubeconfigPath, env: {}});
});

after(async () => {
	session?.close();
	stillSession?.close();
	await demo?.stop();
	await still?.stop();
});

function mount(element: (navigation: Navigation) => React.ReactElement, clusterSession: ClusterSession = session) {
	const pushed: Route[] = [];
	let back = 0;
	const navigation: Navigation = {
		route: {view: 'pods'},
		push: route => void pushed.push(route),
		back: () => void back++,
		depth: 2,
		quit: () => {},
		flash: () => {},
	};
	const app = render(
		<InputProvider onInterrupt={() => {}}><SessionContext.Provider value={clusterSession}>
			<NavigationContext.Provider value={navigation}><BackOnEsc navigation={navigation} />{element(navigation)}</NavigationContext.Provider>
		</SessionContext.Provider></InputProvider>,
	);
	const frame = () => (app.lastFrame() ?? '').replace(/\u001b\[[0-9;:]*m/g, '');
	/** Waits until the frame matches; `flat` joins the rows first (for lines the view wrapped). */
	const waitFor = async (what: string | RegExp, timeoutMs = 20_000, flat = false) => {
		const deadline = Date.now() + timeoutMs;
		for (;;) {
			const text = flat ? frame().replace(/\n/g, ' ') : frame();
			if (typeof what === 'string' ? text.includes(what) : what.test(text)) return text;
			if (Date.now() > deadline) throw new Error(`timed out waiting for ${String(what)}; frame:\n${text}`);
			await new Promise(resolve => setTimeout(resolve, 30));
		}
	};
	const press = async (...keys: string[]) => {
		for (const key of keys) {
			await new Promise(resolve => setTimeout(resolve, 30));
			app.stdin.write(key);
			await new Promise(resolve => setTimeout(resolve, 30));
		}
	};
	return {app, frame, waitFor, press, pushed, backCount: () => back};
}

test('scenario 2 in PodView: blocked line, sequence, finding; l and p open the failing init container', async () => {
	const view = mount(() => <PodView width={100} height={40} isActive namespace="default" name="myapp-pod" />);
	try {
		await view.waitFor(/Blocked at init 3\/3 init-failed-test: exits 127 \(command not found\) — last log: "sh: hello\.sh: not found" — restarted \d+×, next retry in \d/, 20_000, true);
		const text = view.frame();
		assert.match(text, /✔ I1 +init-myservice/);
		assert.match(text, /✔ I2 +init-mydb/);
		assert.match(text, /» [✖↻] I3 +init-failed-test/);
		assert.match(text, /⏸ A1 +myapp-container +Waiting: PodInitializing/);
		assert.match(text.replace(/\n/g, ' '), /kubectl logs myapp-pod` only says "myapp-container is waiting to start: PodInitializing"/);
		// Key repeat delivers "jjj" in one read: three lines down, not one.
		await view.waitFor(/ \[1-\d+\/\d+\]/);
		await view.press('jjj');
		await view.waitFor(/ \[4-\d+\/\d+\]/, 15_000);
		await view.press('g');
		await view.press('l');
		assert.deepEqual(view.pushed.at(-1), {view: 'logs', namespace: 'default', name: 'myapp-pod', container: 'init-failed-test', previous: false});
		await view.press('p');
		assert.deepEqual(view.pushed.at(-1), {view: 'logs', namespace: 'default', name: 'myapp-pod', container: 'init-failed-test', previous: true});
		await view.press('d', 'y', 'c');
		assert.deepEqual(view.pushed.slice(-3), [
			{view: 'describe', namespace: 'default', name: 'myapp-pod', format: 'describe'},
			{view: 'describe', namespace: 'default', name: 'myapp-pod', format: 'yaml'},
			{view: 'checklist', namespace: 'default', name: 'myapp-pod'},
		]);
	} finally {
		view.app.unmount();
	}
});

test('80 columns: an event\'s message starts on its own row and wraps under itself', async () => {
	const view = mount(() => <PodView width={80} height={40} isActive namespace="default" name="myapp-pod" />);
	try {
		await view.waitFor(/Blocked at init 3\/3/, 20_000);
		await view.press('G');
		const text = await view.waitFor(/Warning +BackOff/, 20_000);
		const rows = text.split('\n');
		const at = rows.findIndex(row => /Warning +BackOff/.test(row));
		assert.match(rows[at]!, /^ {2}\S.* Warning +BackOff +init-failed-test: Back-off/, 'the message begins beside the reason');
		const column = rows[at]!.indexOf('init-failed-test:');
		assert.equal(rows[at + 1]!.search(/\S/), column, `the next row continues under the message:\n${rows.slice(at, at + 3).join('\n')}`);
		for (const row of rows.slice(rows.findIndex(row => row.startsWith('Events')))) assert.ok(row.length <= 80, row);
		// The facts row keeps the scroll position (there is more above and below) within 80 columns.
		const facts = rows.find(row => row.startsWith('default/myapp-pod'))!;
		assert.match(facts, /^default\/myapp-pod {2}Init:\S+ {2}.*restarts \d+.* {2}\[\d+-\d+\/\d+\]$/);
		assert.ok(facts.length <= 80, facts);
	} finally {
		view.app.unmount();
	}
});

test('scenario 3 in PodView: the missing Service is named; creating it with a ready endpoint lets the pod proceed', async () => {
	const view = mount(() => <PodView width={100} height={40} isActive namespace="staging" name="myapp-waiting" />);
	try {
		await view.waitFor(/Waiting: init 1\/2 init-myservice running \d+s — waits for Service myservice in staging — it does not\s+exist/);
		demo.store.create('services', {metadata: {name: 'myservice', namespace: 'staging'}, spec: {clusterIP: '10.96.0.42', ports: [{port: 80, protocol: 'TCP'}], selector: {app: 'myservice'}}});
		await view.waitFor(/waits for Service myservice in staging — exists, 0 ready endpoints/);
		demo.store.create('endpoints', {metadata: {name: 'myservice', namespace: 'staging'}, subsets: [{addresses: [{ip: '10.244.0.9'}], ports: [{port: 80, protocol: 'TCP'}]}]});
		await view.waitFor(/Waiting: init 2\/2 init-mydb running \d+s — waits for Service mydb in staging — it does not\s+exist/, 30_000);
		assert.match(view.frame(), /✔ I1 +init-myservice/);
	} finally {
		view.app.unmount();
		demo.store.delete('endpoints', 'staging', 'myservice');
		demo.store.delete('services', 'staging', 'myservice');
	}
});

test('DescribeView: init containers first, search highlights and jumps, y switches to YAML, Esc clears then goes back', async () => {
	const view = mount(() => <DescribeView width={100} height={30} isActive namespace="default" name="myapp-pod" format="describe" />);
	try {
		const text = await view.waitFor(/Name: +myapp-pod/);
		assert.match(text, /Init Containers:/);
		await view.press('/', ...'exit code', '\r');
		await view.waitFor(/\/exit code: \d+ lines/);
		await view.press('y');
		await view.waitFor(/YAML default\/myapp-pod/);
		assert.match(view.frame(), /apiVersion: v1\nkind: Pod/);
		// A search belongs to its format: YAML starts without it.
		assert.doesNotMatch(view.frame().split('\n')[0]!, /exit code/);
		await view.press('/', ...'kind', '\r');
		await view.waitFor(/\/kind: \d+ lines?/);
		await view.press('\u001B');
		await view.waitFor(/YAML default\/myapp-pod +\[1-\d+\/\d+\]\n/);
		assert.equal(view.backCount(), 0);
		await view.press('\u001B');
		await new Promise(resolve => setTimeout(resolve, 100));
		assert.equal(view.backCount(), 1);
	} finally {
		view.app.unmount();
	}
});

test('a deleted pod: the view says so and keeps the last state it saw', async () => {
	const pod = loadPod('k8s-94216-init-crashloop-403');
	pod.metadata.namespace = 'default';
	delete pod.metadata.resourceVersion;
	still.store.create('pods', pod as never);
	const view = mount(() => <PodView width={100} height={40} isActive namespace="default" name={pod.metadata.name} />, stillSession);
	try {
		await view.waitFor(/Blocked at init 1\/1 init: exits 1 \(general error\) — "Failed to fetch \/opt\/mule\/conf\/rtfv1\.yml\. statusCode=403"/, 20_000, true);
		still.store.delete('pods', 'default', pod.metadata.name);
		const text = await view.waitFor(/was deleted — showing the last state seen/);
		assert.match(text, /Blocked at init 1\/1 init: exits 1/);
		assert.match(text, /↻ I1 +init +Waiting: CrashLoopBackOff/);
	} finally {
		view.app.unmount();
	}
});
