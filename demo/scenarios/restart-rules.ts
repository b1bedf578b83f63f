// Container restart rules (KEP-5307, beta in 1.35), in namespace `training`: two Job-like pods
// with restartPolicy Never whose init container `fetch` has its own restartPolicy Never and the
// rule `Restart on exit code In [42]` (42 = "retriable" for the fetcher).
// - train-retry: fetch exits 42 (the dataset mirror is busy) → the rule matches, the kubelet
//   restarts it in place with the usual crash-loop back-off although the pod never restarts;
// - train-fatal: fetch exits 1 (bad credentials) → no rule matches, fetch's restartPolicy Never
//   holds: the pod fails (Init:Error, phase Failed).
// The kubelet simulation applies the same decision as the diagnosis (model/restart-rules.ts).
import type {Container} from '../../source/model/k8s-types.js';
import {pod, replacePod, shell} from './manifests.js';
import type {Scenario} from './types.js';

export const TRAINING_NAMESPACE = 'training';

const fetch = (script: string): Container => shell('fetch', script, {
	restartPolicy: 'Never',
	restartPolicyRules: [{action: 'Restart', exitCodes: {operator: 'In', values: [42]}}],
});

const trainPod = (name: string, script: string) => pod(name, {
	namespace: TRAINING_NAMESPACE,
	labels: {app: 'train'},
	initContainers: [fetch(script)],
	containers: [shell('train', 'echo training && sleep 3600')],
	spec: {restartPolicy: 'Never'},
});

export const restartRules: Scenario = {
	name: 'restart-rules',
	summary: 'train-retry, train-fatal (namespace training): init fetch restarts in place on exit 42 (restart rule) under pod restartPolicy Never; exit 1 matches no rule and fails the pod',
	namespaces: [TRAINING_NAMESPACE],
	async play(ctx) {
		for (const name of ['train-retry', 'train-fatal']) await replacePod(ctx, TRAINING_NAMESPACE, name);
		await ctx.runPod(trainPod('train-retry', 'echo "dataset mirror busy, retry later" && exit 42'), {
			fetch: {logs: ['dataset mirror busy, retry later'], runSeconds: 2, exitCode: 42},
		});
		await ctx.runPod(trainPod('train-fatal', 'echo "403 Forbidden: check the dataset credentials" && exit 1'), {
			fetch: {logs: ['403 Forbidden: check the dataset credentials'], runSeconds: 2, exitCode: 1},
		});
	},
};
