// Scenario 1, the article's healthy start: Pending → Init:0/2 → Init:1/2 → PodInitializing →
// Running, the init containers finding their Services when the scenario creates them.
import type {PodPrograms} from '../kubelet/programs.js';
import {articlePod, createServiceWithEndpoints, deleteServiceWithEndpoints, replacePod} from './manifests.js';
import type {Scenario} from './types.js';

const NAME = 'myapp-healthy';

export const healthy: Scenario = {
	name: 'healthy',
	summary: 'myapp-healthy starts cleanly: Init:0/2 → Init:1/2 → PodInitializing → Running, then restarts from scratch',
	async play(ctx) {
		// dependency-wait needs `myservice` to be absent from default; then resolve by script instead.
		const useServices = !ctx.active.includes('dependency-wait') && ctx.backend.upsertService !== undefined;
		const programs: PodPrograms = useServices ? {} : {
			'init-myservice': {waitFor: {service: 'myservice', resolveAfter: 6}},
			'init-mydb': {waitFor: {service: 'mydb', resolveAfter: 0}},
		};
		await replacePod(ctx, 'default', NAME);
		do {
			if (useServices) {
				await deleteServiceWithEndpoints(ctx, 'default', 'myservice');
				await deleteServiceWithEndpoints(ctx, 'default', 'mydb');
			}
			await ctx.runPod(articlePod(NAME), programs);
			if (!(await ctx.sleep(6))) return;
			if (useServices) {
				await createServiceWithEndpoints(ctx, 'default', 'myservice', 9376);
				await createServiceWithEndpoints(ctx, 'default', 'mydb', 9377);
			}
			// Running from about 10 s; let it run for a minute, then start over with a new pod.
			if (!(await ctx.sleep(64))) return;
			await ctx.deletePod('default', NAME);
		} while (await ctx.sleep(2));
	},
};
