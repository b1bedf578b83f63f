// The pod's QoS class (pkg/apis/core/helper/qos): BestEffort without any request or limit,
// Guaranteed when every container limits cpu and memory with equal requests, else Burstable.
import type {Pod} from '../../source/model/k8s-types.js';

export function qosClass(pod: Pod): string {
	const all = [...(pod.spec.initContainers ?? []), ...pod.spec.containers];
	const hasResources = all.some(c => Object.keys(c.resources?.limits ?? {}).length + Object.keys(c.resources?.requests ?? {}).length > 0);
	if (!hasResources) return 'BestEffort';
	const guaranteed = all.every(c => ['cpu', 'memory'].every(r => c.resources?.limits?.[r] !== undefined && (c.resources?.requests?.[r] ?? c.resources?.limits?.[r]) === c.resources?.limits?.[r]));
	return guaranteed ? 'Guaranteed' : 'Burstable';
}
