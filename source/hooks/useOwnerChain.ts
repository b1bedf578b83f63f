// The drill-down's owner chain: the pod's ReplicaSet is read once (GET) for its Deployment and
// revision; other controllers need no read.
import {useEffect, useState} from 'react';
import {useSession} from '../app-context.js';
import type {Pod} from '../model/k8s-types.js';
import {workloadPath} from '../model/workloads/kinds.js';
import {ownerChain} from '../model/workloads/owner-chain.js';
import type {Workload} from '../model/workloads/types.js';

export function useOwnerChain(pod: Pod | undefined): string | undefined {
	const session = useSession();
	const namespace = pod?.metadata.namespace ?? 'default';
	const reference = pod?.metadata.ownerReferences?.find(owner => owner.controller);
	const replicaSet = reference?.kind === 'ReplicaSet' ? reference.name : undefined;
	const [controller, setController] = useState<Workload>();
	useEffect(() => {
		if (!replicaSet) return;
		let current = true;
		session.getObject(workloadPath('ReplicaSet', namespace, replicaSet)).then(
			object => {
				if (current && object) setController(object as Workload);
			},
			() => undefined, // the chain by name pattern stands
		);
		return () => {
			current = false;
		};
	}, [session, namespace, replicaSet]);
	return pod ? ownerChain(pod, controller) : undefined;
}
