// Scenario 4: the init container succeeds, its side effect breaks the app. fix-permissions runs
// as root and hands the shared volume to uid 1000 with mode 700; the app runs as uid 2000 (no
// fsGroup), cannot create its cache directory and crash-loops while every init shows Completed.
import {pod, shell} from './manifests.js';
import {singlePodScenario} from './single-pod.js';

const data = {name: 'data', mountPath: '/data'};

export const sideEffect = singlePodScenario(
	'side-effect',
	'myapp-perms: fix-permissions chowns /data to 1000 as root; the app (uid 2000) crash-loops on Permission denied',
	() => pod('myapp-perms', {
		labels: {app: 'myapp-perms'},
		initContainers: [shell('fix-permissions', 'chown -R 1000:1000 /data && chmod 700 /data', {securityContext: {runAsUser: 0}, volumeMounts: [data]})],
		containers: [shell('myapp-container', 'mkdir -p /data/cache && echo cache ready && sleep 3600', {securityContext: {runAsUser: 2000, runAsNonRoot: true}, volumeMounts: [data]})],
		spec: {volumes: [{name: 'data', emptyDir: {}}]},
	}),
	{
		'fix-permissions': {runSeconds: 1},
		'myapp-container': {logs: ["mkdir: can't create directory '/data/cache': Permission denied"], runSeconds: 0.5, exitCode: 1},
	},
);
