// Scenario 3: the article's pod deployed to namespace `staging`, where its Services were never
// created (they exist in default only): init-myservice looks up myservice.staging and waits —
// Init:0/2 forever, restarts 0, no warnings, `waiting for myservice` repeating. Creating the
// Service and its Endpoints (with a ready address) in staging lets the pod proceed.
import {articlePod} from './manifests.js';
import {singlePodScenario} from './single-pod.js';

/** The waiting pod's namespace: created with the pod, and never given the article's Services. */
export const WAITING_NAMESPACE = 'staging';

export const dependencyWait = {
	...singlePodScenario(
		'dependency-wait',
		`myapp-waiting (namespace ${WAITING_NAMESPACE}): init-myservice waits for Service myservice, which ${WAITING_NAMESPACE} does not have`,
		() => articlePod('myapp-waiting', {namespace: WAITING_NAMESPACE}),
	),
	namespaces: [WAITING_NAMESPACE],
};
