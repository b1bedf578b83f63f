// Scenario 3: init-myservice waits for a Service `myservice` that does not exist: Init:0/2
// forever, restarts 0, no warnings, `waiting for myservice` repeating. Creating the Service and
// its Endpoints (with a ready address) lets the pod proceed.
import {articlePod} from './manifests.js';
import {singlePodScenario} from './single-pod.js';

export const dependencyWait = singlePodScenario(
	'dependency-wait',
	'myapp-waiting: init-myservice waits for Service myservice, which does not exist',
	() => articlePod('myapp-waiting'),
);
