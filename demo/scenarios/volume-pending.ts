// Stuck on storage (issue 18), in namespace `volumes`:
// - reports: its claim reports-data names no StorageClass and the cluster has no default one, so
//   the PV controller says `no persistent volumes available for this claim and no storage class
//   is set` and the scheduler will not place the pod (unbound immediate PersistentVolumeClaims);
// - cache: its claim cache-data names StorageClass fast-ssd, which does not exist
//   (ProvisioningFailed `storageclass.storage.k8s.io "fast-ssd" not found`); same scheduling error;
// - writer runs on demo-worker-1 with the ReadWriteOnce claim shared-data (Bound, StorageClass
//   gp3); reader, pinned to demo-worker-2, needs the same volume: the attach/detach controller
//   reports a Multi-Attach error and the kubelet waits before the sandbox (Init:0/1).
// Claims and their events are what the PV controller writes (pv_controller.go syncUnboundClaim,
// provisionClaimOperation); the pods go through the kubelet/scheduler simulation (kubelet/volumes.ts).
import type {WireObject} from '../backend.js';
import {pod, replacePod, shell} from './manifests.js';
import type {Scenario, ScenarioContext} from './types.js';
import {canCreateWorkloads} from './workloads.js';

export const VOLUMES_NAMESPACE = 'volumes';
const ns = VOLUMES_NAMESPACE;
/** The PV controller's resync of unbound claims (pv_controller syncPeriod 15 s). */
const CLAIM_RESYNC_SECONDS = 15;
const sharedVolume = 'pvc-3f0b6c1e-8d2a-4b7e-9c51-0a4d2e6f7b13';

const storageClass: WireObject = {
	apiVersion: 'storage.k8s.io/v1',
	kind: 'StorageClass',
	metadata: {name: 'gp3'},
	provisioner: 'ebs.csi.aws.com',
	reclaimPolicy: 'Delete',
	volumeBindingMode: 'WaitForFirstConsumer',
	allowVolumeExpansion: true,
	parameters: {type: 'gp3'},
};

function claim(name: string, storageClassName: string | undefined, status: object): WireObject {
	return {
		apiVersion: 'v1',
		kind: 'PersistentVolumeClaim',
		metadata: {name, namespace: ns},
		spec: {accessModes: ['ReadWriteOnce'], resources: {requests: {storage: '1Gi'}}, ...(storageClassName ? {storageClassName} : {}), ...('volumeName' in status ? {volumeName: sharedVolume} : {})},
		status,
	};
}

const claims = [
	claim('reports-data', undefined, {phase: 'Pending'}),
	claim('cache-data', 'fast-ssd', {phase: 'Pending'}),
	claim('shared-data', 'gp3', {phase: 'Bound', volumeName: sharedVolume, accessModes: ['ReadWriteOnce'], capacity: {storage: '1Gi'}}),
];

/** What the PV controller says about each Pending claim at every resync. */
const claimEvents: Record<string, {type: 'Normal' | 'Warning'; reason: string; message: string}> = {
	'reports-data': {type: 'Normal', reason: 'FailedBinding', message: 'no persistent volumes available for this claim and no storage class is set'},
	'cache-data': {type: 'Warning', reason: 'ProvisioningFailed', message: 'storageclass.storage.k8s.io "fast-ssd" not found'},
};

const withClaim = (name: string, claimName: string, node?: string) => pod(name, {
	namespace: ns,
	labels: {app: name},
	initContainers: [shell('init-perms', 'chown -R 1000:1000 /data')],
	containers: [shell(`${name}-app`, 'echo serving /data && sleep 3600')],
	spec: {volumes: [{name: 'data', persistentVolumeClaim: {claimName}}], ...(node ? {nodeName: node} : {})},
});

async function replace(ctx: ScenarioContext, resource: string, object: WireObject): Promise<void> {
	await ctx.backend.deleteObject?.(resource, object.metadata.namespace, object.metadata.name);
	await ctx.backend.createObject!(resource, object);
}

export const volumePending: Scenario = {
	name: 'volume-pending',
	summary: 'reports, cache, reader (namespace volumes): a PVC without StorageClass, one with a missing StorageClass (both unschedulable), and a ReadWriteOnce volume still attached to another node (Multi-Attach error)',
	namespaces: [ns],
	async play(ctx) {
		// Claims and classes are written through the registry; a backend that cannot (a real API server path) plays nothing.
		if (!canCreateWorkloads(ctx)) return;
		await ctx.backend.ensureNamespace(ns);
		for (const name of ['reports', 'cache', 'writer', 'reader']) await replacePod(ctx, ns, name);
		await replace(ctx, 'storageclasses', storageClass);
		for (const object of claims) await replace(ctx, 'persistentvolumeclaims', object);
		const [writerNode, readerNode] = [ctx.nodes[1] ?? ctx.nodes[0]!, ctx.nodes[2] ?? ctx.nodes[0]!];
		await ctx.runPod(withClaim('writer', 'shared-data', writerNode));
		await ctx.runPod(withClaim('reports', 'reports-data'));
		await ctx.runPod(withClaim('cache', 'cache-data'));
		// The writer's volume is attached (first sync) before the reader asks for it.
		if (!(await ctx.sleep(3))) return;
		await ctx.runPod(withClaim('reader', 'shared-data', readerNode));
		do {
			for (const [name, event] of Object.entries(claimEvents)) {
				const object = await ctx.backend.getObject?.('persistentvolumeclaims', ns, name);
				if (object && (object.status as {phase?: string} | undefined)?.phase === 'Pending') {
					await ctx.controllerEvent({pod: object, kind: 'PersistentVolumeClaim', component: 'persistentvolume-controller', ...event});
				}
			}
		} while (await ctx.sleep(CLAIM_RESYNC_SECONDS));
	},
};
