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
 * Cluster seconds after its pod starts that a scenario creates the Services (as in the article,
 * where `kubectl apply -f services.yaml` comes after the pod): until then the pod waits at Init:0/N.
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
 * then creates them after ARTICLE_SERVICES_AFTER. False once the kubelet stops (the scenario must
 * return).
 */
export async function runArticlePod(ctx: ScenarioContext, name: string, extraInit: Container[] = []): Promise<boolean> {
	await replacePod(ctx, ARTICLE_SERVICES_NAMESPACE, name);
	await ctx.runPod(articlePod(name, {namespace: ARTICLE_SERVICES_NAMESPACE, extraInit}));
	if (!(await ctx.sleep(ARTICLE_SERVICES_AFTER))) return false;
	await createArticleServices(ctx);
	return true;
}
