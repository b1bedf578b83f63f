// Whole-pod in-place restart (KEP-5532, `restartPolicyRules` action RestartAllContainers), in
// namespace `batch`: `worker-0` is a Job-like pod (restartPolicy Never) whose init container
// `fetch-shard` loads a checkpoint and whose app `worker` exits 88 when it loses its peer — the
// rule maps 88 to RestartAllContainers. The kubelet sets AllContainersRestarting True, removes the
// containers, clears the condition and runs fetch-shard again in the same pod (same uid, IP and
// sandbox): the Running pod goes back to Init:0/1, then Running, in a loop.
import type {Container} from '../../source/model/k8s-types.js';
import {pod, replacePod, shell} from './manifests.js';
import type {Scenario} from './types.js';

export const BATCH_NAMESPACE = 'batch';

const worker: Container = shell('worker', 'train --shard 0 || exit 88', {
	restartPolicy: 'Never',
	restartPolicyRules: [{action: 'RestartAllContainers', exitCodes: {operator: 'In', values: [88]}}],
});

export const podRestart: Scenario = {
	name: 'pod-restart',
	summary: 'worker-0 (namespace batch): worker exits 88, its RestartAllContainers rule restarts the whole pod in place (KEP-5532): init fetch-shard runs again, same uid',
	namespaces: [BATCH_NAMESPACE],
	async play(ctx) {
		await replacePod(ctx, BATCH_NAMESPACE, 'worker-0');
		await ctx.runPod(pod('worker-0', {
			namespace: BATCH_NAMESPACE,
			labels: {app: 'trainer'},
			initContainers: [shell('fetch-shard', 'wget -qO- http://checkpoints/shard-0/manifest && echo checkpoint loaded')],
			containers: [worker],
			spec: {restartPolicy: 'Never'},
		}), {
			'fetch-shard': {logs: ['checkpoint loaded: shard 0, step 1200'], runSeconds: 2, exitCode: 0},
			worker: {logs: ['resuming at step 1200'], logsAt: [{after: 7.5, lines: ['lost contact with peer worker-1: restarting the whole pod']}], runSeconds: 8, exitCode: 88},
		});
	},
};
