// The workload screens' data: a list+watch per kind they need (the session's generic
// watchWorkloads), the pod watch the root already keeps for the namespace, and the rows built
// from them at most every REFRESH_MS (and every second for ages and "stuck").
import {useEffect, useMemo, useState} from 'react';
import {useDiagnosisConfig, useSession} from '../app-context.js';
import type {ConnectionState, ResourceWatch} from '../kube/types.js';
import type {Pod} from '../model/k8s-types.js';
import {verdictCache, workloadRows, type WorkloadRow} from '../model/workloads/rows.js';
import type {Workload, WorkloadKind} from '../model/workloads/types.js';

const REFRESH_MS = 250;
const CLOCK_MS = 1000;

export interface WorkloadData {
	rows: WorkloadRow[];
	/** Every ReplicaSet of the namespace (for a Deployment's revisions). */
	replicaSets: Workload[];
	synced: boolean;
	connection: ConnectionState;
	now: number;
}

/** `kinds` must include ReplicaSet wherever Deployments are listed; only `listed` kinds become rows. */
export function useWorkloads(kinds: readonly WorkloadKind[], listed: readonly WorkloadKind[], namespace: string | undefined, pods: ResourceWatch<Pod>): WorkloadData {
	const session = useSession();
	const config = useDiagnosisConfig();
	const key = kinds.join(',');
	// A new set of watches per session, namespace and kinds (the key): the deps name what renews it.
	// eslint-disable-next-line react-hooks/exhaustive-deps
	const watches = useMemo(() => new Map<WorkloadKind, ResourceWatch<Workload>>(), [session, namespace, key]);
	const [now, setNow] = useState(Date.now());

	useEffect(() => {
		for (const kind of kinds) watches.set(kind, session.watchWorkloads(kind, namespace));
		let timer: NodeJS.Timeout | undefined;
		const refresh = () => {
			timer ??= setTimeout(() => {
				timer = undefined;
				setNow(Date.now());
			}, REFRESH_MS);
		};
		const unsubscribe = [...watches.values(), pods].map(watch => watch.subscribe(refresh));
		const clock = setInterval(() => setNow(Date.now()), CLOCK_MS);
		return () => {
			clearInterval(clock);
			clearTimeout(timer);
			for (const off of unsubscribe) off();
			for (const watch of watches.values()) watch.stop();
			watches.clear();
		};
	// The watches map changes exactly when session, namespace or kinds do.
	// eslint-disable-next-line react-hooks/exhaustive-deps
	}, [watches, pods]);

	const listedKey = listed.join(',');
	return useMemo(() => {
		const of = (kind: WorkloadKind) => [...(watches.get(kind)?.items().values() ?? [])];
		const replicaSets = of('ReplicaSet');
		const rows = workloadRows({workloads: listed.flatMap(of), pods: pods.items().values(), replicaSets}, verdictCache(now, config), now);
		const all = [...watches.values()];
		const synced = all.length > 0 && all.every(watch => watch.synced) && pods.synced;
		const broken = all.find(watch => watch.state.kind !== 'live');
		return {rows, replicaSets, synced, connection: broken?.state ?? pods.state, now};
	// listed by value (callers may pass a new array of the same kinds each render).
	// eslint-disable-next-line react-hooks/exhaustive-deps
	}, [now, watches, pods, config, listedKey]);
}
