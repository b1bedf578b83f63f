// Scenario 1, the article's healthy start: Pending → Init:0/2 → Init:1/2 → PodInitializing →
// Running, the init containers finding their Services when the scenario creates them. Every
// minute a new pod starts over; the Services stay, so it goes straight through.
import {ARTICLE_SERVICES_NAMESPACE as NAMESPACE, runArticlePod} from './article-services.js';
import type {Scenario} from './types.js';

const NAME = 'myapp-healthy';

export const healthy: Scenario = {
	name: 'healthy',
	summary: 'myapp-healthy starts cleanly: Init:0/2 until Services myservice and mydb are created → Init:1/2 → PodInitializing → Running; a new pod every minute',
	async play(ctx) {
		do {
			if (!(await runArticlePod(ctx, NAME))) return;
			// Running from about 10 s; let it run for a minute, then start over with a new pod.
			if (!(await ctx.sleep(64))) return;
			await ctx.deletePod(NAMESPACE, NAME);
		} while (await ctx.sleep(2));
	},
};
