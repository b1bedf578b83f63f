// Scenario 4: the init container succeeds, its side effect breaks the app. fix-permissions runs
// as root and hands the shared volume to uid 1000 with mode 700; the app runs as uid 2000 (no
// fsGroup), cannot create its cache directory and crash-loops while every init shows Completed.
import {pod, replacePod, shell} from './manifests.js';
import type {Scenario} from './types.js';

export const sideEffect: Scenario = {
	name: 'side-effect',
	summary: 'myapp-perms: fix-permissions chowns /data to 1000 as root; the app (uid 2000) crash-loops on Permission denied',
	async play(ctx) {
		await replacePod(ctx, 'default', 'myapp-perms');
		const data = {name: 'data', mountPath: '/data'};
		await ctx.runPod(pod('myapp-perms', {
			labels: {app: 'myapp-perms'},
			initContainers: [shell('fix-permissions', 'chown -R 1000:1000 /data && chmod 700 /data', {
				securityContext: {runAsUser: 0},
				volumeMounts: [data],
			})],
			containers: [shell('myapp-container', 'mkdir -p /data/cache && echo cache ready && sleep 3600', {
				securityContext: {runAsUser: 2000, runAsNonRoot: true},
				volumeMounts: [data],
			})],
			spec: {volumes: [{name: 'data', emptyDir: {}}]},
		}), {
			'fix-permissions': {runSeconds: 1},
			'myapp-container': {logs: ["mkdir: can't create directory '/data/cache': Permission denied"], runSeconds: 0.5, exitCode: 1},
		});
	},
};
