// The Services the article's pods wait for (`myservice`, `mydb`), as real objects in one namespace.
// Every successful lookup in the demo is a Service with a ready endpoint that `kubectl get svc -A`
// lists; a pod waits only where the Service does not exist. Once created they stay, as Services
// do in a cluster: a later pod of the same story finds them at once.
import type {Container} from '../../source/model/k8s-types.js';
import {articlePod, createServiceWithEndpoints, replacePod} from './manifests.js';
import type {ScenarioContext} from './types.js';

/** Where the article's Services live. */
export const ARTICLE_SERVICES_NAMESPACE = 'default';

/** Each Service and the port its endpoint serves. */
const ARTICLE_SERVICES = [
	{name: 'myservice', port: 9376},
	{name: 'mydb', port: 9377},
] as const;

/**
 * Cluster seconds after the pod's first init container (init-myservice) starts that a scenario
 * creates the Services (as in the article, where `kubectl apply -f services.yaml` comes after the
 * pod): until then the pod waits at Init:0/N.
 */
export const ARTICLE_SERVICES_AFTER = 6;

/** Creates each Service (with a ready endpoint) that is not there yet. */
export async function createArticleServices(ctx: ScenarioContext): Promise<void> {
	for (const {name, port} of ARTICLE_SERVICES) {
		if (!(await ctx.backend.getService(ARTICLE_SERVICES_NAMESPACE, name))) await createServiceWithEndpoints(ctx, ARTICLE_SERVICES_NAMESPACE, name, port);
	}
}

/**
 * Runs the article's pod `name` where its Services live (a leftover of an earlier run replaced),
 * then creates them ARTICLE_SERVICES_AFTER after its first init container started (so its first
 * lookups fail, as in the article, however late a busy machine starts it). False once the kubelet
 * stops (the scenario must return).
 */
export async function runArticlePod(ctx: ScenarioContext, name: string, extraInit: Container[] = []): Promise<boolean> {
	await replacePod(ctx, ARTICLE_SERVICES_NAMESPACE, name);
	await ctx.runPod(articlePod(name, {namespace: ARTICLE_SERVICES_NAMESPACE, extraInit}));
	const firstInitStarted = async () => {
		const status = (await ctx.backend.getPod(ARTICLE_SERVICES_NAMESPACE, name))?.status?.initContainerStatuses?.find(entry => entry.name === 'init-myservice');
		return Boolean(status?.state?.running ?? status?.state?.terminated);
	};
	while (!(await firstInitStarted())) if (!(await ctx.sleep(0.5))) return false;
	if (!(await ctx.sleep(ARTICLE_SERVICES_AFTER))) return false;
	await createArticleServices(ctx);
	return true;
}
