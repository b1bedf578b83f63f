// The owner chain the drill-down shows: `Pod api-7d9f-x ← ReplicaSet api-7d9f ← Deployment api
// (revision 2)`. From the pod's controller reference and, when read, the ReplicaSet itself (its
// own controller and revision); without it, the Deployment by the name pattern. Pure.
import type {Pod} from '../k8s-types.js';
import {podOwner} from '../owner.js';
import {revisionOf} from './pods.js';
import type {Workload} from './types.js';

export function ownerChain(pod: Pod, controller?: Workload): string | undefined {
	const reference = pod.metadata.ownerReferences?.find(owner => owner.controller) ?? pod.metadata.ownerReferences?.[0];
	if (!reference) return undefined;
	const links = [`Pod ${pod.metadata.name}`, `${reference.kind} ${reference.name}`];
	const matches = controller?.metadata.name === reference.name;
	const parent = matches ? controller?.metadata.ownerReferences?.find(owner => owner.controller) : undefined;
	const owner = podOwner(pod);
	if (parent) links.push(`${parent.kind} ${parent.name}`);
	else if (owner.via) links.push(`${owner.kind} ${owner.name}`);
	const revision = matches && controller ? revisionOf(controller) : 0;
	return `${links.join(' ← ')}${revision > 0 ? ` (revision ${revision})` : ''}`;
}
