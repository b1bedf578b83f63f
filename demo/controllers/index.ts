// The demo's kube-controller-manager: Deployment, ReplicaSet, StatefulSet, DaemonSet, Job and
// Endpoints controllers plus the garbage collector, run against the ClusterStore. Every change to
// a workload, an owned pod, a node or a Service schedules one pass over all controllers (passes
// coalesce); a periodic resync in cluster time catches deadlines, minReadySeconds and back-offs.
import type {Service} from '../../source/model/k8s-types.js';
import {Timers} from '../kubelet/timers.js';
import type {Change, ClusterStore} from '../store.js';
import {syncDaemonSet} from './daemonset.js';
import {syncDeployment} from './deployment.js';
import {syncEndpoints} from './endpoints.js';
import {syncJob} from './job.js';
import {asWorkload, ClusterClock, controllerRef} from './pods.js';
import {syncReplicaSet} from './replicaset.js';
import {syncStatefulSet} from './statefulset.js';
import type {WorkloadObject} from './types.js';

type Sync = (store: ClusterStore, clock: ClusterClock, object: WorkloadObject) => void;

/** Controllers in the order one pass runs them: owners before what they own. */
const controllers: ReadonlyArray<[string, Sync]> = [
	['deployments', syncDeployment],
	['replicasets', syncReplicaSet],
	['statefulsets', syncStatefulSet],
	['daemonsets', syncDaemonSet],
	['jobs', syncJob],
];
const ownerKinds = new Set(controllers.map(([resource]) => resource));

export interface ControllerManager {
	/** Runs one pass now (tests). */
	syncNow(): void;
	stop(): void;
}

export function startControllers(store: ClusterStore, speed: number): ControllerManager {
	const clock = new ClusterClock(speed);
	const timers = new Timers(speed);
	/** Owners deleted since the last pass: their dependents go (background cascading deletion). */
	const deletedOwners = new Set<string>();
	let scheduled = false;
	let running = false;

	const pass = () => {
		scheduled = false;
		if (timers.stopped || running) return;
		running = true;
		try {
			collectGarbage();
			for (const [resource, sync] of controllers) {
				for (const object of store.list(resource).items) {
					const current = store.get(resource, object.metadata.namespace, object.metadata.name);
					if (current && !current.metadata.deletionTimestamp) sync(store, clock, asWorkload(current));
				}
			}
			for (const service of store.list('services').items) syncEndpoints(store, service as unknown as Service);
		} finally {
			running = false;
		}
	};

	const schedule = () => {
		if (scheduled || timers.stopped) return;
		scheduled = true;
		setImmediate(pass);
	};

	function collectGarbage(): void {
		if (deletedOwners.size === 0) return;
		const owners = new Set(deletedOwners);
		for (const resource of ['replicasets', 'pods']) {
			for (const object of store.list(resource).items) {
				const ref = controllerRef(object as never);
				if (!ref || !owners.has(ref.uid)) continue;
				store.delete(resource, object.metadata.namespace, object.metadata.name);
				// A deleted ReplicaSet's pods go in the same pass.
				if (object.metadata.uid) owners.add(object.metadata.uid);
			}
		}
		deletedOwners.clear();
	}

	const relevant = (change: Change) => {
		if (ownerKinds.has(change.kind) || change.kind === 'nodes' || change.kind === 'services') return true;
		if (change.kind !== 'pods') return false;
		return !!controllerRef(change.object as never) || (store.list('services', change.object.metadata.namespace).items.length > 0);
	};
	const unsubscribe = store.subscribe(change => {
		if (change.type === 'DELETED' && ownerKinds.has(change.kind) && change.object.metadata.uid) deletedOwners.add(change.object.metadata.uid);
		if (relevant(change)) schedule();
	});
	timers.every(Math.max(1, 0.1 * speed), schedule);
	schedule();
	return {
		syncNow: pass,
		stop() {
			timers.clear();
			unsubscribe();
		},
	};
}
