// Scenario 3: init-myservice waits for a Service `myservice` that does not exist: Init:0/2
// forever, restarts 0, no warnings, `waiting for myservice` repeating. Creating the Service and
// its Endpoints (with a ready address) lets the pod proceed.
import {articlePod, replacePod} from './manifests.js';
import type {Scenario} from './types.js';

export const dependencyWait: Scenario = {
	name: 'dependency-wait',
	summary: 'myapp-waiting: init-myservice waits for Service myservice, which does not exist',
	async play(ctx) {
		await replacePod(ctx, 'default', 'myapp-waiting');
		await ctx.runPod(articlePod('myapp-waiting'));
	},
};
