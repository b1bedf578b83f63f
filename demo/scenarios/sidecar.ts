// A native sidecar (init container with restartPolicy Always) before a regular init container:
// istio-proxy starts and keeps running, migrate runs to completion, then app → Running 2/2.
import {container, pod, replacePod, shell} from './manifests.js';
import type {Scenario} from './types.js';

const NAME = 'myapp-mesh';

export const sidecar: Scenario = {
	name: 'sidecar',
	summary: 'myapp-mesh: native sidecar istio-proxy, then init migrate, then app → Running 2/2',
	async play(ctx) {
		await replacePod(ctx, 'default', NAME);
		do {
			await ctx.runPod(pod(NAME, {
				labels: {app: 'myapp-mesh'},
				initContainers: [
					container('istio-proxy', 'docker.io/istio/proxyv2:1.24.0', {args: ['proxy', 'sidecar'], restartPolicy: 'Always', ports: [{containerPort: 15090, name: 'http-envoy-prom', protocol: 'TCP'}]}),
					shell('migrate', 'echo applying migrations && sleep 3 && echo migrations applied'),
				],
				containers: [container('app', 'nginx:1.27', {ports: [{containerPort: 80, protocol: 'TCP'}]})],
			}), {
				'istio-proxy': {
					image: {seconds: 3.2, sizeBytes: 98_123_456},
					logs: [
						'info	FLAG: --concurrency="2"',
						'info	Version 1.24.0-b8a5e2ffa1a2c7a1b2d9f3f6d9c0e0a3a0f6c2d1-Clean',
						'info	Envoy proxy is ready',
					],
				},
				app: {
					image: {seconds: 2.4, sizeBytes: 72_195_423},
					logs: ['/docker-entrypoint.sh: Configuration complete; ready for start up', 'nginx/1.27.0: start worker processes'],
				},
			});
			if (!(await ctx.sleep(90))) return;
			await ctx.deletePod('default', NAME);
		} while (await ctx.sleep(2));
	},
};
