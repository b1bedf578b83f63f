// Scenario 2: init-failed-test runs `sh -c hello.sh` → `sh: hello.sh: not found`, exit 127 →
// Init:Error / Init:CrashLoopBackOff forever with a growing back-off; the app waits PodInitializing.
import {articlePod, shell} from './manifests.js';
import {singlePodScenario} from './single-pod.js';

// The first two init containers find their Services (or, with none in the cluster, resolve by script).
export const exit127 = singlePodScenario(
	'exit-127',
	'myapp-pod: init-failed-test exits 127 (command not found) → Init:CrashLoopBackOff',
	() => articlePod('myapp-pod', [shell('init-failed-test', 'hello.sh')]),
	{
		'init-myservice': {waitFor: {service: 'myservice', resolveAfter: 2}},
		'init-mydb': {waitFor: {service: 'mydb', resolveAfter: 0}},
	},
);
