// An init container that needs more memory than its limit: OOMKilled (137), then back-off.
import {initStepsPod, shell} from './manifests.js';
import {singlePodScenario} from './single-pod.js';

export const oomInit = singlePodScenario(
	'oom-init',
	'myapp-oom: init container load-data exceeds its 64Mi memory limit → Init:OOMKilled / Init:CrashLoopBackOff',
	() => initStepsPod('myapp-oom', [shell('load-data', 'echo loading dataset into memory && head -c 200m /dev/zero | tail', {
		resources: {limits: {memory: '64Mi'}, requests: {memory: '32Mi'}},
	})]),
	{'load-data': {logs: ['loading dataset into memory'], runSeconds: 3, oomKilled: true}},
);
