// A scenario that is one pod, started once (leftovers of an earlier run replaced) and left to run.
import type {Pod} from '../../source/model/k8s-types.js';
import type {PodPrograms} from '../kubelet/programs.js';
import {replacePod} from './manifests.js';
import type {Scenario} from './types.js';

export function singlePodScenario(name: string, summary: string, pod: () => Pod, programs: PodPrograms = {}): Scenario {
	return {
		name,
		summary,
		async play(ctx) {
			const manifest = pod();
			await replacePod(ctx, manifest.metadata.namespace ?? 'default', manifest.metadata.name);
			await ctx.runPod(manifest, programs);
		},
	};
}
