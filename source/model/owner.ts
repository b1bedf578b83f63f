// The workload a pod belongs to: its controller, followed from a ReplicaSet to the Deployment
// that owns it by the name pattern Deployments give ReplicaSets (`<deployment>-<pod-template-hash>`)
// and the pod's `pod-template-hash` label. Pure: no API reads.

import type {Pod} from './k8s-types.js';

export interface OwnerRef {
	kind: string;
	name: string;
	namespace: string;
	/** The controller the pod names directly, when the owner was followed past it (a ReplicaSet). */
	via?: {kind: string; name: string};
}

/** `Deployment shop/api`, `Pod default/myapp-pod`. */
export function ownerLabel(owner: OwnerRef): string {
	return `${owner.kind} ${owner.namespace}/${owner.name}`;
}

export function podOwner(pod: Pod): OwnerRef {
	const namespace = pod.metadata.namespace ?? 'default';
	const controller = pod.metadata.ownerReferences?.find(reference => reference.controller) ?? pod.metadata.ownerReferences?.[0];
	if (!controller) return {kind: 'Pod', name: pod.metadata.name, namespace};
	if (controller.kind === 'ReplicaSet') {
		const hash = pod.metadata.labels?.['pod-template-hash'];
		const suffix = hash ? `-${hash}` : undefined;
		if (suffix && controller.name.endsWith(suffix) && controller.name.length > suffix.length) {
			return {kind: 'Deployment', name: controller.name.slice(0, -suffix.length), namespace, via: {kind: 'ReplicaSet', name: controller.name}};
		}
	}
	return {kind: controller.kind, name: controller.name, namespace};
}
