// Stuck before the first init container (issue 18): the pod asks for RuntimeClass handler `kata`,
// which the node's containerd does not have. The kubelet fails FailedCreatePodSandBox at every
// sync; no container is ever created (Init:0/1, PodReadyToStartContainers False, no pod IP).
// Its own namespace keeps `default` to the article's scenarios.
import {initStepsPod, shell} from './manifests.js';
import {singlePodScenario} from './single-pod.js';

export const SANDBOX_NAMESPACE = 'sandbox';

export const sandboxRuntime = {
	...singlePodScenario(
		'sandbox-runtime',
		'myapp-kata (namespace sandbox): runtimeClassName kata, no such runtime handler on the node → FailedCreatePodSandBox, Init:0/1',
		() => initStepsPod('myapp-kata', [shell('init-setup', 'echo setup done')], {namespace: SANDBOX_NAMESPACE, spec: {runtimeClassName: 'kata'}}),
	),
	namespaces: [SANDBOX_NAMESPACE],
};
