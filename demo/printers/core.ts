// Server-side printers of the core/v1 kinds (pkg/printers/internalversion/printers.go).
import type {KubeEvent, Pod, Service} from '../../source/model/k8s-types.js';
import {printPod} from '../../source/model/pod-status.js';
import {age, ageColumn, column, nameColumn, since, type Printer} from '../table.js';

export const corePrinters = {
	pods: {
		columns: [
			nameColumn,
			column('Ready', 'The aggregate readiness state of this pod for accepting traffic.'),
			column('Status', 'The aggregate status of the containers in this pod.'),
			column('Restarts', 'The number of times the containers in this pod have been restarted and when the last container in this pod has restarted.'),
			column('Age', ageColumn.description),
			column('IP', 'The IP address assigned to the pod', 1),
			column('Node', 'The name of the node this pod is assigned to', 1),
			column('Nominated Node', 'The name of the node that the pod is nominated to run on', 1),
			column('Readiness Gates', 'The readiness gates for the pod', 1),
		],
		row(object, now) {
			const row = printPod(object as unknown as Pod, now);
			return [row.name, row.ready, row.status, row.restarts, row.age, row.ip, row.node, row.nominatedNode, row.readinessGates];
		},
	},
	events: {
		columns: [
			column('Last Seen', 'Time when this Event was last seen'),
			column('Type', 'Type of this event (Normal, Warning), new types could be added in the future.'),
			column('Reason', 'Reason is why the action was taken. It is human-readable. This field can have at most 128 characters.'),
			column('Object', 'The object this Event is about.'),
			column('Subobject', 'The field path of the involved object this Event is about.', 1),
			column('Source', 'The component reporting this event.', 1),
			column('Message', 'A human-readable description of the status of this operation.'),
			column('First Seen', 'Time when this Event was first seen', 1),
			column('Count', 'The number of times this event has occurred.', 1, 'integer'),
			column('Name', nameColumn.description, 1, 'string', 'name'),
		],
		row(object, now) {
			const event = object as unknown as KubeEvent;
			let first = since(event.firstTimestamp, now);
			if (!event.firstTimestamp) first = since(event.eventTime, now);
			let last = event.lastTimestamp ? since(event.lastTimestamp, now) : first;
			let count = event.count ?? 0;
			if (event.series) {
				last = since(event.series.lastObservedTime, now);
				count = event.series.count ?? 0;
			} else if (count === 0) {
				count = 1;
			}
			const target = `${(event.involvedObject.kind ?? '').toLowerCase()}/${event.involvedObject.name ?? ''}`;
			const source = [event.source?.component, event.source?.host].filter(Boolean).join(', ');
			return [last, event.type ?? '', event.reason ?? '', target, event.involvedObject.fieldPath ?? '', source, event.message ?? '', first, count, event.metadata.name];
		},
	},
	namespaces: {
		columns: [nameColumn, column('Status', 'The status of the namespace'), ageColumn],
		row: (object, now) => [object.metadata.name, String((object.status as {phase?: string} | undefined)?.phase ?? ''), age(object, now)],
	},
	services: {
		columns: [
			nameColumn,
			column('Type', 'The type of the service'),
			column('Cluster-IP', 'The cluster IP of the service'),
			column('External-IP', 'The external IP of the service'),
			column('Port(s)', 'The ports of the service'),
			ageColumn,
			column('Selector', 'The selector of the service', 1),
		],
		row(object, now) {
			const spec = (object as unknown as Service).spec ?? {};
			const ports = (spec.ports ?? []).map(p => `${p.port}${'nodePort' in p && p.nodePort ? `:${String(p.nodePort)}` : ''}/${p.protocol ?? 'TCP'}`).join(',') || '<none>';
			const selector = Object.entries(spec.selector ?? {}).map(([k, v]) => `${k}=${v}`).sort().join(',') || '<none>';
			return [object.metadata.name, spec.type ?? 'ClusterIP', spec.clusterIP ?? '<none>', '<none>', ports, age(object, now), selector];
		},
	},
	endpoints: {
		columns: [nameColumn, column('Endpoints', 'Endpoints of the service'), ageColumn],
		row(object, now) {
			const subsets = (object.subsets ?? []) as Array<{addresses?: Array<{ip: string}>; ports?: Array<{port: number}>}>;
			const endpoints: string[] = [];
			for (const subset of subsets) {
				for (const address of subset.addresses ?? []) {
					const ports = subset.ports ?? [];
					if (ports.length === 0) endpoints.push(address.ip);
					for (const port of ports) endpoints.push(`${address.ip}:${port.port}`);
				}
			}
			const shown = endpoints.length > 3 ? `${endpoints.slice(0, 3).join(',')} + ${endpoints.length - 3} more...` : endpoints.join(',');
			return [object.metadata.name, shown || '<none>', age(object, now)];
		},
	},
	configmaps: {
		columns: [nameColumn, column('Data', 'Number of items in the ConfigMap', 0, 'integer'), ageColumn],
		row: (object, now) => [object.metadata.name, Object.keys((object.data ?? {}) as object).length + Object.keys((object.binaryData ?? {}) as object).length, age(object, now)],
	},
	secrets: {
		columns: [nameColumn, column('Type', 'Used to facilitate programmatic handling of secret data.'), column('Data', 'Number of items in the Secret', 0, 'integer'), ageColumn],
		row: (object, now) => [object.metadata.name, String(object.type ?? 'Opaque'), Object.keys((object.data ?? {}) as object).length + Object.keys((object.stringData ?? {}) as object).length, age(object, now)],
	},
	nodes: {
		columns: [
			nameColumn,
			column('Status', 'The status of the node'),
			column('Roles', 'The roles of the node'),
			ageColumn,
			column('Version', 'Kubelet Version reported by the node.'),
		],
		row(object, now) {
			const status = (object.status ?? {}) as {conditions?: Array<{type: string; status: string}>; nodeInfo?: {kubeletVersion?: string}};
			const ready = status.conditions?.find(c => c.type === 'Ready');
			const state = ready ? (ready.status === 'True' ? 'Ready' : 'NotReady') : 'Unknown';
			const labels = (object.metadata.labels ?? {}) as Record<string, string>;
			const roles = Object.keys(labels).filter(k => k.startsWith('node-role.kubernetes.io/')).map(k => k.slice('node-role.kubernetes.io/'.length)).sort().join(',') || '<none>';
			return [object.metadata.name, state, roles, age(object, now), status.nodeInfo?.kubeletVersion ?? ''];
		},
	},
} satisfies Record<string, Printer>;
