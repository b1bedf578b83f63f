// Scenario 2: init-failed-test runs `sh -c hello.sh` → `sh: hello.sh: not found`, exit 127 →
// Init:Error / Init:CrashLoopBackOff forever with a growing back-off; the app waits PodInitializing.
// The first two init containers find their Services once the scenario creates them.
import {runArticlePod} from './article-services.js';
import {shell} from './manifests.js';
import type {Scenario} from './types.js';

export const exit127: Scenario = {
	name: 'exit-127',
	summary: 'myapp-pod: init-failed-test exits 127 (command not found) → Init:CrashLoopBackOff',
	async play(ctx) {
		await runArticlePod(ctx, 'myapp-pod', [shell('init-failed-test', 'hello.sh')]);
	},
};
