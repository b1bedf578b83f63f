// An init container reading a key of a ConfigMap that does not exist:
// CreateContainerConfigError `configmap "app-config" not found` until someone creates it.
import {initStepsPod, shell} from './manifests.js';
import {singlePodScenario} from './single-pod.js';

export const missingConfigMap = singlePodScenario(
	'missing-configmap',
	'myapp-config: init-config needs ConfigMap app-config (key db.url), which does not exist → CreateContainerConfigError',
	() => initStepsPod('myapp-config', [shell('init-config', 'echo "db=$DB_URL" > /work/app.env && echo config written', {
		env: [{name: 'DB_URL', valueFrom: {configMapKeyRef: {name: 'app-config', key: 'db.url'}}}],
	})]),
	{'init-config': {logs: ['config written'], runSeconds: 1}},
);
