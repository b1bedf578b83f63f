// Env files (KEP-3721, `env[].valueFrom.fileKeyRef`), in namespace `billing`: `invoice-api`'s init
// container `render-env` renders /env/app.env into the emptyDir `envdir` with `echo KEY=value >`
// lines; the app reads DB_HOST, DB_USER and DB_PASSWORD from it. The template lost DB_PASSWORD:
// render-env completes, and the kubelet cannot build the app's environment — CreateContainerConfigError
// `environment variable key "DB_PASSWORD" not found in file …/envdir/app.env` (a `Failed` event at
// every pod sync). No program is given: the kubelet reads the file's keys from render-env's command line.
import type {EnvVar} from '../../source/model/k8s-types.js';
import {container, pod, shell} from './manifests.js';
import {singlePodScenario} from './single-pod.js';
import type {Scenario} from './types.js';

export const BILLING_NAMESPACE = 'billing';

const fromEnvFile = (key: string): EnvVar => ({name: key, valueFrom: {fileKeyRef: {volumeName: 'envdir', path: 'app.env', key}}});

export const envFile: Scenario = {
	...singlePodScenario(
		'env-file',
		'invoice-api (namespace billing): init render-env writes /env/app.env without DB_PASSWORD; the app reads it with fileKeyRef → CreateContainerConfigError',
		() => pod('invoice-api', {
			namespace: BILLING_NAMESPACE,
			labels: {app: 'invoice-api'},
			initContainers: [shell('render-env', 'echo "DB_HOST=postgres.billing.svc" > /env/app.env && echo "DB_USER=invoices" >> /env/app.env && echo rendered /env/app.env', {
				volumeMounts: [{name: 'envdir', mountPath: '/env'}],
			})],
			containers: [container('invoice-api', 'registry.example/billing/invoice-api:2.3.0', {env: ['DB_HOST', 'DB_USER', 'DB_PASSWORD'].map(fromEnvFile)})],
			spec: {volumes: [{name: 'envdir', emptyDir: {}}]},
		}),
	),
	namespaces: [BILLING_NAMESPACE],
};
