// The one-shot driver of the facts plan (model/facts.ts), for `initk9 report`: the pod, its events,
// the planned log tails and Service lookups, and the owner's template — read once, GET only.
import type {ClusterSession, ResourceWatch} from '../kube/types.js';
import {InitError} from '../kube/types.js';
import {claimReads, logReads, ownEvents, serviceReads, type PodFacts} from '../model/facts.js';
import {initSequence} from '../model/init-sequence.js';
import type {KubeEvent} from '../model/k8s-types.js';
import {lookUpClaim, lookUpService, ownerTemplate, readLogTail} from './read.js';

export async function gatherFacts(session: ClusterSession, namespace: string, name: string): Promise<PodFacts> {
	const pod = await session.getPod(namespace, name);
	if (!pod) throw new InitError(`pod "${name}" not found in namespace "${namespace}"`);
	const now = Date.now();
	const sequence = initSequence(pod, now);
	const [events, logs, services, claims, owner] = await Promise.all([
		eventsOnce(session.watchPodEvents(namespace, name), pod.metadata.uid),
		Promise.all(logReads(sequence).map(async read => [read.container, await readLogTail(session, namespace, name, read)] as const)),
		Promise.all(serviceReads(pod, sequence).map(async target => [`${target.namespace}/${target.name}`, await lookUpService(session, target)] as const)),
		Promise.all(claimReads(pod).map(async target => [`${target.namespace}/${target.name}`, await lookUpClaim(session, target)] as const)),
		ownerTemplate(session, pod),
	]);
	return {pod, events, logs: Object.fromEntries(logs), services: Object.fromEntries(services), ...(claims.length > 0 ? {claims: Object.fromEntries(claims)} : {}), ...(owner ? {owner} : {}), now};
}

function eventsOnce(watch: ResourceWatch<KubeEvent>, uid: string | undefined, timeoutMs = 10_000): Promise<KubeEvent[]> {
	return new Promise(resolve => {
		const finish = () => {
			clearTimeout(timer);
			unsubscribe();
			const events = ownEvents(watch.items().values(), uid);
			watch.stop();
			resolve(events);
		};
		const check = () => {
			if (watch.synced || watch.state.kind === 'forbidden' || watch.state.kind === 'stopped') finish();
		};
		const timer = setTimeout(finish, timeoutMs);
		const unsubscribe = watch.subscribe(check);
		check();
	});
}
