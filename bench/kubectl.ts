// kubectl on the same demo server, spawned asynchronously (the server runs in this process: a
// blocking spawn would stall it and time nothing but ourselves).
import {spawn} from 'node:child_process';
import {performance} from 'node:perf_hooks';

export const KUBECTL = process.env.KUBECTL ?? 'kubectl';

/** Runs kubectl to completion with stdout to /dev/null; resolves to the wall time in ms. */
export function timeKubectl(kubeconfig: string, args: string[]): Promise<number> {
	return new Promise((resolve, reject) => {
		const started = performance.now();
		const child = spawn(KUBECTL, ['--kubeconfig', kubeconfig, ...args], {stdio: ['ignore', 'ignore', 'pipe']});
		let stderr = '';
		child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
		child.on('error', reject);
		child.on('close', code => {
			const elapsed = performance.now() - started;
			if (code === 0) resolve(elapsed);
			else reject(new Error(`kubectl ${args.join(' ')} exited ${code}: ${stderr.trim()}`));
		});
	});
}

export interface LineCounter {
	readonly lines: number;
	/** Resolves with performance.now() when `count` lines have arrived (at once if they have). */
	reach(count: number, timeoutMs: number): Promise<number>;
	stop(): void;
}

/**
 * `kubectl logs -f` with its output counted (newlines) and thrown away: the reader costs no more
 * than a redirect to /dev/null, and we know when each line arrived.
 */
export function followKubectlLogs(kubeconfig: string, namespace: string, pod: string, container: string): LineCounter {
	const child = spawn(KUBECTL, ['--kubeconfig', kubeconfig, 'logs', '-f', '-n', namespace, pod, '-c', container], {stdio: ['ignore', 'pipe', 'pipe']});
	let lines = 0;
	let stderr = '';
	let failure: Error | undefined;
	const waiters = new Set<{count: number; resolve(at: number): void}>();
	child.stdout.on('data', (chunk: Buffer) => {
		const at = performance.now();
		let index = -1;
		while ((index = chunk.indexOf(10, index + 1)) >= 0) lines++;
		for (const waiter of [...waiters]) {
			if (lines < waiter.count) continue;
			waiters.delete(waiter);
			waiter.resolve(at);
		}
	});
	child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
	child.on('close', code => {
		if (code) failure = new Error(`kubectl logs exited ${code}: ${stderr.trim()}`);
	});
	return {
		get lines() {
			return lines;
		},
		reach(count, timeoutMs) {
			if (lines >= count) return Promise.resolve(performance.now());
			if (failure) return Promise.reject(failure);
			return new Promise((resolve, reject) => {
				const waiter = {
					count,
					resolve(at: number) {
						clearTimeout(timer);
						resolve(at);
					},
				};
				const timer = setTimeout(() => {
					waiters.delete(waiter);
					reject(failure ?? new Error(`kubectl logs: ${lines} of ${count} lines after ${timeoutMs} ms`));
				}, timeoutMs);
				waiters.add(waiter);
			});
		},
		stop() {
			child.kill('SIGTERM');
		},
	};
}
