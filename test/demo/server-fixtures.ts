// Objects and helpers shared by the demo server tests: pods in the states the scenarios produce,
// a kubectl runner bound to a demo cluster, and polling with a deadline.
import {execFile, spawn, type ChildProcess} from 'node:child_process';
import {mkdtempSync} from 'node:fs';
import {tmpdir} from 'node:os';
import {join} from 'node:path';
import type {DemoCluster} from '../../demo/index.js';
import {nowRfc3339, type StoredObject} from '../../demo/store.js';

export const ago = (seconds: number) => nowRfc3339(Date.now() - seconds * 1000);

/** Scenario 2 after a few restarts: init-failed-test in CrashLoopBackOff after exit 127. */
export function crashLoopPod(name = 'myapp-pod', namespace = 'default'): StoredObject {
	const done = (container: string, id: string) => ({
		name: container,
		image: 'busybox:1.28',
		ready: true,
		restartCount: 0,
		containerID: `containerd://${id}`,
		state: {terminated: {exitCode: 0, reason: 'Completed', startedAt: ago(300), finishedAt: ago(290), containerID: `containerd://${id}`}},
	});
	return {
		metadata: {name, namespace, labels: {app: 'myapp'}, creationTimestamp: ago(600)},
		spec: {
			nodeName: 'demo-node',
			restartPolicy: 'Always',
			initContainers: [
				{name: 'init-myservice', image: 'busybox:1.28'},
				{name: 'init-mydb', image: 'busybox:1.28'},
				{name: 'init-failed-test', image: 'busybox:1.28', command: ['sh', '-c', 'hello.sh']},
			],
			containers: [{name: 'myapp-container', image: 'busybox:1.28'}],
		},
		status: {
			phase: 'Pending',
			podIP: '10.244.0.12',
			startTime: ago(600),
			initContainerStatuses: [
				done('init-myservice', 'aaa1'),
				done('init-mydb', 'bbb1'),
				{
					name: 'init-failed-test',
					image: 'busybox:1.28',
					ready: false,
					restartCount: 3,
					containerID: 'containerd://ccc4',
					state: {waiting: {reason: 'CrashLoopBackOff', message: 'back-off 40s restarting failed container=init-failed-test pod=myapp-pod_default(x)'}},
					lastState: {terminated: {exitCode: 127, reason: 'Error', startedAt: ago(30), finishedAt: ago(30), containerID: 'containerd://ccc4'}},
				},
			],
			containerStatuses: [{name: 'myapp-container', image: 'busybox:1.28', ready: false, restartCount: 0, started: false, state: {waiting: {reason: 'PodInitializing'}}}],
		},
	};
}

/** A healthy pod with one running container `app` (instance `containerd://<name>-1`). */
export function runningPod(name: string, namespace = 'default', labels: Record<string, string> = {app: name}): StoredObject {
	return {
		metadata: {name, namespace, labels, creationTimestamp: ago(120)},
		spec: {nodeName: 'demo-node', containers: [{name: 'app', image: 'nginx:1.27'}]},
		status: {
			phase: 'Running',
			podIP: '10.244.0.30',
			startTime: ago(120),
			conditions: [{type: 'Ready', status: 'True'}],
			containerStatuses: [{name: 'app', image: 'nginx:1.27', ready: true, restartCount: 0, started: true, containerID: `containerd://${name}-1`, state: {running: {startedAt: ago(110)}}}],
		},
	};
}

export function podEvent(pod: StoredObject, name: string, reason: string, message: string, type = 'Normal', extra: Record<string, unknown> = {}): StoredObject {
	return {
		metadata: {name: `${pod.metadata.name}.${name}`, namespace: pod.metadata.namespace},
		involvedObject: {kind: 'Pod', namespace: pod.metadata.namespace, name: pod.metadata.name, uid: pod.metadata.uid, apiVersion: 'v1'},
		reason,
		message,
		type,
		count: 1,
		firstTimestamp: ago(100),
		lastTimestamp: ago(100),
		source: {component: 'kubelet', host: 'demo-node'},
		...extra,
	};
}

export async function until<T>(what: string, probe: () => T | undefined | false | Promise<T | undefined | false>, timeoutMs = 10_000): Promise<T> {
	const deadline = Date.now() + timeoutMs;
	for (;;) {
		const value = await probe();
		if (value !== undefined && value !== false) return value;
		if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
		await new Promise(resolve => setTimeout(resolve, 25));
	}
}

export interface KubectlResult {
	code: number;
	stdout: string;
	stderr: string;
}

const cacheDir = mkdtempSync(join(tmpdir(), 'initk9-kubectl-cache-'));

export function kubectlArgs(cluster: Pick<DemoCluster, 'kubeconfigPath'>, args: string[]): string[] {
	return ['--kubeconfig', cluster.kubeconfigPath, '--cache-dir', cacheDir, ...args];
}

export function kubectl(cluster: Pick<DemoCluster, 'kubeconfigPath'>, ...args: string[]): Promise<KubectlResult> {
	return new Promise(resolve => {
		execFile('/usr/bin/kubectl', kubectlArgs(cluster, args), {timeout: 30_000}, (error, stdout, stderr) => {
			const code = error ? (typeof error.code === 'number' ? error.code : 1) : 0;
			resolve({code, stdout, stderr});
		});
	});
}

/** A long-running kubectl (get -w, logs -f) whose output can be awaited line by line. */
export function kubectlStream(cluster: Pick<DemoCluster, 'kubeconfigPath'>, ...args: string[]) {
	const child: ChildProcess = spawn('/usr/bin/kubectl', kubectlArgs(cluster, args), {stdio: ['ignore', 'pipe', 'pipe']});
	let stdout = '';
	let stderr = '';
	child.stdout!.on('data', chunk => (stdout += String(chunk)));
	child.stderr!.on('data', chunk => (stderr += String(chunk)));
	const exited = new Promise<number>(resolve => child.on('exit', code => resolve(code ?? -1)));
	return {
		get stdout() {
			return stdout;
		},
		get stderr() {
			return stderr;
		},
		exited,
		waitFor: (pattern: RegExp, timeoutMs = 15_000) => until(`kubectl output ${pattern} (got ${JSON.stringify(stdout)})`, () => pattern.test(stdout), timeoutMs),
		kill: () => child.kill(),
	};
}

/** Plain-HTTP requests to a demo cluster started with `tls: false`. */
export async function api(cluster: Pick<DemoCluster, 'url' | 'token'>, path: string, init: {method?: string; accept?: string; body?: unknown; token?: string | null} = {}) {
	const headers: Record<string, string> = {accept: init.accept ?? 'application/json'};
	const token = init.token === undefined ? cluster.token : init.token;
	if (token !== null) headers.authorization = `Bearer ${token}`;
	if (init.body !== undefined) headers['content-type'] = 'application/json';
	const response = await fetch(cluster.url + path, {method: init.method ?? 'GET', headers, ...(init.body !== undefined ? {body: JSON.stringify(init.body)} : {})});
	const text = await response.text();
	let json: any;
	try {
		json = JSON.parse(text);
	} catch {
		json = undefined;
	}
	return {status: response.status, text, json, headers: response.headers};
}

/** An open watch (or any streamed response) whose JSON lines can be awaited. */
export async function openStream(cluster: Pick<DemoCluster, 'url' | 'token'>, path: string, accept = 'application/json') {
	const controller = new AbortController();
	const response = await fetch(cluster.url + path, {headers: {authorization: `Bearer ${cluster.token}`, accept}, signal: controller.signal});
	const lines: string[] = [];
	let ended = false;
	const done = (async () => {
		const decoder = new TextDecoder();
		let buffer = '';
		try {
			for await (const chunk of response.body as unknown as AsyncIterable<Uint8Array>) {
				buffer += decoder.decode(chunk, {stream: true});
				let newline: number;
				while ((newline = buffer.indexOf('\n')) >= 0) {
					lines.push(buffer.slice(0, newline));
					buffer = buffer.slice(newline + 1);
				}
			}
			if (buffer) lines.push(buffer);
		} catch {
			// aborted
		}
		ended = true;
	})();
	return {
		status: response.status,
		lines,
		get events(): any[] {
			return lines.map(line => JSON.parse(line));
		},
		get ended() {
			return ended;
		},
		done,
		close: () => controller.abort(),
	};
}
