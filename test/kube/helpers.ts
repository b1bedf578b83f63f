// Shared by the kube/ tests: a demo cluster filled by the test itself, short timings, waiting
// for conditions with a deadline (never fixed sleeps), and "does the watch equal the server".
import type {DemoCluster} from '../../demo/index.js';
import {startDemoCluster} from '../../demo/index.js';
import type {Pod} from '../../source/model/k8s-types.js';
import type {StatusInput} from '../fixtures/pods.js';
import {makePod} from '../fixtures/pods.js';
import type {Tunables} from '../../source/kube/tunables.js';
import type {ClusterSession, ResourceWatch} from '../../source/kube/types.js';
import {openSession} from '../../source/kube/session.js';
import assert from 'node:assert/strict';

export const bookmarkIntervalMs = 300;

/** Timings scaled for tests: watchdog = 2 bookmark intervals + margin. */
export const testTunables: Partial<Tunables> = {
	watchTimeoutSeconds: () => 30,
	watchdogMs: 2 * bookmarkIntervalMs + 600,
	backoffBaseMs: 50,
	backoffCapMs: 400,
	requestTimeoutMs: 5000,
};

export async function startTestCluster(): Promise<DemoCluster> {
	return startDemoCluster({kubelet: false, bookmarkIntervalMs});
}

/** An empty demo cluster and a session on it (beforeEach). */
export async function openTestSession(): Promise<{demo: DemoCluster; session: ClusterSession}> {
	const demo = await startTestCluster();
	return {demo, session: await openSession({kubeconfig: demo.kubeconfigPath, env: {}, tunables: testTunables})};
}

/** afterEach: close both, and prove nothing but GETs was sent. */
export async function closeTestSession(demo: DemoCluster, session: ClusterSession): Promise<void> {
	session.close();
	assert.deepEqual(nonGetRequests(demo), []);
	await demo.stop();
}

export async function waitFor(what: string, condition: () => boolean, timeoutMs = 10_000): Promise<void> {
	const deadline = Date.now() + timeoutMs;
	while (!condition()) {
		if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
		await new Promise(resolve => setTimeout(resolve, 10));
	}
}

/** A pod as the store creates it: the store assigns uid and resourceVersion. */
export function podObject(name: string, namespace = 'default', main: StatusInput[] = [{name: 'app', state: {running: {startedAt: '2026-01-01T00:00:00Z'}}, containerID: `containerd://${name}-0`}]): Pod {
	const pod = makePod({name, namespace, nodeName: 'node-1', phase: 'Running', main});
	delete pod.metadata.uid;
	return pod;
}

export function createPod(demo: DemoCluster, name: string, namespace = 'default', main?: StatusInput[]): void {
	demo.store.create('pods', podObject(name, namespace, main) as never);
}

/** uid@resourceVersion of every pod, sorted: the server's truth. */
export function serverPods(demo: DemoCluster, namespace?: string): string[] {
	return demo.store
		.list('pods', namespace)
		.items.map(object => `${object.metadata.uid}@${object.metadata.resourceVersion}`)
		.sort();
}

export function watchedPods(watch: ResourceWatch<Pod>): string[] {
	return [...watch.items().values()].map(pod => `${pod.metadata.uid}@${pod.metadata.resourceVersion}`).sort();
}

export async function converged(demo: DemoCluster, watch: ResourceWatch<Pod>, namespace?: string, timeoutMs = 10_000): Promise<void> {
	await waitFor('the watch store to equal the server', () => watch.state.kind === 'live' && JSON.stringify(watchedPods(watch)) === JSON.stringify(serverPods(demo, namespace)), timeoutMs);
}

/**
 * Waits until the demo has answered a pod watch request: before that, a request sent before a
 * stop() may still be on its way and reach the server after a count taken at the stop.
 */
export async function podWatchOpen(demo: DemoCluster): Promise<void> {
	await waitFor('a pod watch open', () => demo.audit.entries.some(entry => entry.path.endsWith('/pods') && /(^|&)watch=(1|true)(&|$)/.test(entry.query)));
}

/** Every request the demo answered was a GET. */
export function nonGetRequests(demo: DemoCluster): string[] {
	return demo.audit.entries.filter(entry => entry.method !== 'GET').map(entry => `${entry.method} ${entry.path}`);
}
