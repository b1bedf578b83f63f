// `kubectl describe pod` as text (k8s-semantics.md §4): the same sections in the same order, init
// containers first, aligned by a port of Go's text/tabwriter (padding 2), events deduplicated.

import type {Container, ContainerState, ContainerStatus, KubeEvent, Pod, Volume} from '../model/k8s-types.js';
import {humanDuration} from '../model/duration.js';
import {eventRows} from '../model/events.js';
import {epochMs} from '../model/init-sequence.js';

/**
 * Go text/tabwriter (minwidth 0, tabwidth 8, padding 2, padchar ' ', flags 0): cells are
 * tab-terminated; a column is aligned over a run of consecutive lines that have it; a line
 * without any tab ends the block.
 */
export function tabwrite(text: string, padding = 2): string {
	const out: string[] = [];
	let block: string[][] = [];
	const flush = () => {
		if (block.length > 0) out.push(...formatBlock(block, padding));
		block = [];
	};
	for (const line of text.split('\n')) {
		const cells = line.split('\t');
		if (cells.length === 1) {
			flush();
			out.push(line);
		} else {
			block.push(cells);
		}
	}
	flush();
	return out.join('\n');
}

function formatBlock(lines: string[][], padding: number): string[] {
	const out: string[] = lines.map(() => '');
	const width = (cell: string) => [...cell].length;
	// widths[column] for the lines [from, to) of the current recursion.
	const format = (widths: number[], from: number, to: number) => {
		const column = widths.length;
		let start = from;
		for (let at = from; at < to; at++) {
			if (column >= lines[at]!.length - 1) continue;
			writeLines(widths, start, at);
			start = at;
			let columnWidth = 0;
			let end = at;
			for (; end < to; end++) {
				const line = lines[end]!;
				if (column >= line.length - 1) break;
				columnWidth = Math.max(columnWidth, width(line[column]!) + padding);
			}
			format([...widths, columnWidth], start, end);
			start = end;
			at = end - 1;
		}
		writeLines(widths, start, to);
	};
	const writeLines = (widths: number[], from: number, to: number) => {
		for (let at = from; at < to; at++) {
			if (out[at] !== '') continue;
			const cells = lines[at]!;
			let text = '';
			cells.forEach((cell, j) => {
				text += cell;
				if (j < widths.length && j < cells.length - 1) text += ' '.repeat(Math.max(0, widths[j]! - width(cell)));
			});
			out[at] = text === '' ? '\u0000' : text;
		}
	};
	format([], 0, lines.length);
	return out.map(line => (line === '\u0000' ? '' : line));
}

const DAYS = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];
const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
const pad2 = (n: number) => String(n).padStart(2, '0');

/** Go's time.RFC1123Z in UTC: `Mon, 02 Jan 2006 15:04:05 +0000`; the zero time for absent values. */
export function rfc1123z(timestamp: string | null | undefined): string {
	const at = timestamp ? Date.parse(timestamp) : Number.NaN;
	if (Number.isNaN(at)) return 'Mon, 01 Jan 0001 00:00:00 +0000';
	const d = new Date(at);
	return `${DAYS[d.getUTCDay()]}, ${pad2(d.getUTCDate())} ${MONTHS[d.getUTCMonth()]} ${d.getUTCFullYear()} ${pad2(d.getUTCHours())}:${pad2(d.getUTCMinutes())}:${pad2(d.getUTCSeconds())} +0000`;
}

function mapLines(label: string, values: Record<string, string> | undefined, skip: ReadonlySet<string> = new Set()): string[] {
	const entries = Object.entries(values ?? {}).filter(([key]) => !skip.has(key)).sort(([a], [b]) => a.localeCompare(b));
	if (entries.length === 0) return [`${label}:\t<none>`];
	return entries.map(([key, value], at) => `${at === 0 ? `${label}:` : ''}\t${key}=${value}`);
}

function stateLines(state: ContainerState | undefined, label: string, indent: string): string[] {
	if (state?.running) return [`${indent}${label}:\tRunning`, `${indent}  Started:\t${rfc1123z(state.running.startedAt)}`];
	if (state?.waiting) return [`${indent}${label}:\tWaiting`, ...(state.waiting.reason ? [`${indent}  Reason:\t${state.waiting.reason}`] : [])];
	if (state?.terminated) {
		const t = state.terminated;
		return [
			`${indent}${label}:\tTerminated`,
			...(t.reason ? [`${indent}  Reason:\t${t.reason}`] : []),
			...(t.message ? [`${indent}  Message:\t${t.message.trim()}`] : []),
			`${indent}  Exit Code:\t${t.exitCode}`,
			...(t.signal ? [`${indent}  Signal:\t${t.signal}`] : []),
			`${indent}  Started:\t${rfc1123z(t.startedAt)}`,
			`${indent}  Finished:\t${rfc1123z(t.finishedAt)}`,
		];
	}
	return [`${indent}${label}:\tWaiting`];
}

function containerLines(container: Container, status: ContainerStatus | undefined): string[] {
	const lines = [`  ${container.name}:`];
	if (status) lines.push(`    Container ID:\t${status.containerID ?? ''}`);
	lines.push(`    Image:\t${container.image ?? ''}`);
	if (status) lines.push(`    Image ID:\t${status.imageID ?? ''}`);
	const ports = container.ports ?? [];
	const portText = ports.map(p => `${p.containerPort}/${p.protocol ?? 'TCP'}${p.name ? ` (${p.name})` : ''}`).join(', ');
	lines.push(`    ${ports.length > 1 ? 'Ports' : 'Port'}:\t${portText || '<none>'}`);
	lines.push(`    ${ports.length > 1 ? 'Host Ports' : 'Host Port'}:\t${ports.map(p => `0/${p.protocol ?? 'TCP'}`).join(', ') || '<none>'}`);
	if (container.command?.length) lines.push('    Command:', ...container.command.map(word => `      ${word}`));
	if (container.args?.length) lines.push('    Args:', ...container.args.map(word => `      ${word}`));
	if (status) {
		lines.push(...stateLines(status.state, 'State', '    '));
		if (status.lastState?.terminated) lines.push(...stateLines(status.lastState, 'Last State', '    '));
		lines.push(`    Ready:\t${status.ready ? 'True' : 'False'}`, `    Restart Count:\t${status.restartCount}`);
	}
	for (const kind of ['limits', 'requests'] as const) {
		const values = container.resources?.[kind];
		if (values && Object.keys(values).length > 0) {
			lines.push(`    ${kind === 'limits' ? 'Limits' : 'Requests'}:`, ...Object.entries(values).sort().map(([key, value]) => `      ${key}:\t${value}`));
		}
	}
	if (container.envFrom?.length) {
		lines.push('    Environment Variables from:');
		for (const from of container.envFrom) {
			if (from.configMapRef) lines.push(`      ${from.configMapRef.name}\tConfigMap\tOptional: ${from.configMapRef.optional === true}`);
			if (from.secretRef) lines.push(`      ${from.secretRef.name}\tSecret\tOptional: ${from.secretRef.optional === true}`);
		}
	}
	if (!container.env?.length) {
		lines.push('    Environment:\t<none>');
	} else {
		lines.push('    Environment:');
		for (const env of container.env) {
			const cm = env.valueFrom?.configMapKeyRef;
			const secret = env.valueFrom?.secretKeyRef;
			const field = (env.valueFrom as {fieldRef?: {fieldPath?: string; apiVersion?: string}} | undefined)?.fieldRef;
			if (cm) lines.push(`      ${env.name}:\t<set to the key '${cm.key}' of config map '${cm.name}'>\tOptional: ${cm.optional === true}`);
			else if (secret) lines.push(`      ${env.name}:\t<set to the key '${secret.key}' in secret '${secret.name}'>\tOptional: ${secret.optional === true}`);
			else if (field) lines.push(`      ${env.name}:\t (${field.apiVersion ?? 'v1'}:${field.fieldPath ?? ''})`);
			else lines.push(`      ${env.name}:\t${env.value ?? ''}`);
		}
	}
	const mounts = container.volumeMounts ?? [];
	if (mounts.length === 0) lines.push('    Mounts:\t<none>');
	else lines.push('    Mounts:', ...mounts.map(m => `      ${m.mountPath} from ${m.name} (${m.readOnly ? 'ro' : 'rw'}${m.subPath ? `,path="${m.subPath}"` : ''})`));
	return lines;
}

interface Projected {
	sources?: Array<{
		serviceAccountToken?: {expirationSeconds?: number};
		configMap?: {name?: string; optional?: boolean};
		secret?: {name?: string; optional?: boolean};
		downwardAPI?: unknown;
	}>;
}

const optional = (value: boolean | undefined) => (value === undefined ? '<nil>' : String(value));

function projectedLines(projected: Projected): string[] {
	const lines: string[] = [];
	for (const source of projected.sources ?? []) {
		if (source.secret) lines.push(`    SecretName:\t${source.secret.name ?? ''}`, `    SecretOptionalName:\t${optional(source.secret.optional)}`);
		else if (source.downwardAPI) lines.push('    DownwardAPI:\ttrue');
		else if (source.configMap) lines.push(`    ConfigMapName:\t${source.configMap.name ?? ''}`, `    ConfigMapOptional:\t${optional(source.configMap.optional)}`);
		else if (source.serviceAccountToken) lines.push(`    TokenExpirationSeconds:\t${source.serviceAccountToken.expirationSeconds ?? 3600}`);
	}
	return lines;
}

function volumeLines(volume: Volume): string[] {
	const lines = [`  ${volume.name}:`];
	if (volume.emptyDir) lines.push('    Type:\tEmptyDir (a temporary directory that shares a pod\'s lifetime)', `    Medium:\t${(volume.emptyDir.medium as string | undefined) ?? ''}`, `    SizeLimit:\t${(volume.emptyDir.sizeLimit as string | undefined) ?? '<unset>'}`);
	else if (volume.persistentVolumeClaim) lines.push('    Type:\tPersistentVolumeClaim (a reference to a PersistentVolumeClaim in the same namespace)', `    ClaimName:\t${volume.persistentVolumeClaim.claimName}`, `    ReadOnly:\t${volume.persistentVolumeClaim.readOnly === true}`);
	else if (volume.configMap) lines.push('    Type:\tConfigMap (a volume populated by a ConfigMap)', `    Name:\t${volume.configMap.name}`, `    Optional:\t${volume.configMap.optional === true}`);
	else if (volume.secret) lines.push('    Type:\tSecret (a volume populated by a Secret)', `    SecretName:\t${volume.secret.secretName}`, `    Optional:\t${volume.secret.optional === true}`);
	else if (volume.hostPath) lines.push('    Type:\tHostPath (bare host directory volume)', `    Path:\t${volume.hostPath.path}`, `    HostPathType:\t${volume.hostPath.type ?? ''}`);
	else if (volume.projected) lines.push('    Type:\tProjected (a volume that contains injected data from multiple sources)', ...projectedLines(volume.projected as Projected));
	else lines.push(`    Type:\t${Object.keys(volume).find(key => key !== 'name') ?? '<unknown>'}`);
	return lines;
}

function eventLines(events: readonly KubeEvent[], now: number): string[] {
	const rows = eventRows(events, now);
	if (rows.length === 0) return ['Events:\t<none>'];
	return ['Events:', '  Type\tReason\tAge\tFrom\tMessage', '  ----\t------\t----\t----\t-------', ...rows.map(row => `  ${row.type}\t${row.reason}\t${row.age}\t${row.from}\t${row.describeMessage}`)];
}

/** The describe text of a pod, as lines. `now` is the clock for ages. */
export function describePod(pod: Pod, events: readonly KubeEvent[], now: number): string[] {
	const {metadata, spec} = pod;
	const status = pod.status ?? {};
	const lines: string[] = [`Name:\t${metadata.name}`, `Namespace:\t${metadata.namespace ?? ''}`];
	if (spec.priority !== undefined) lines.push(`Priority:\t${spec.priority as number}`);
	if (spec.priorityClassName) lines.push(`Priority Class Name:\t${spec.priorityClassName as string}`);
	if (spec.runtimeClassName) lines.push(`Runtime Class Name:\t${spec.runtimeClassName as string}`);
	if (spec.serviceAccountName) lines.push(`Service Account:\t${spec.serviceAccountName}`);
	lines.push(`Node:\t${spec.nodeName ? `${spec.nodeName}/${status.hostIP ?? ''}` : '<none>'}`);
	if (status.startTime) lines.push(`Start Time:\t${rfc1123z(status.startTime)}`);
	lines.push(...mapLines('Labels', metadata.labels));
	lines.push(...mapLines('Annotations', metadata.annotations, new Set(['kubectl.kubernetes.io/last-applied-configuration'])));
	if (metadata.deletionTimestamp) {
		lines.push(`Status:\tTerminating (lasts ${humanDuration(now - epochMs(metadata.deletionTimestamp))})`);
		if (metadata.deletionGracePeriodSeconds !== undefined) lines.push(`Termination Grace Period:\t${metadata.deletionGracePeriodSeconds}s`);
	} else {
		lines.push(`Status:\t${status.phase ?? ''}`);
	}
	if (status.reason) lines.push(`Reason:\t${status.reason}`);
	if (status.message) lines.push(`Message:\t${status.message}`);
	lines.push(`IP:\t${status.podIP ?? ''}`);
	if (status.podIPs?.length) lines.push('IPs:', ...status.podIPs.map(ip => `  IP:\t${ip.ip}`));
	else lines.push('IPs:\t<none>');
	const controller = metadata.ownerReferences?.find(ref => ref.controller);
	if (controller) lines.push(`Controlled By:\t${controller.kind}/${controller.name}`);
	if (status.nominatedNodeName) lines.push(`NominatedNodeName:\t${status.nominatedNodeName}`);
	const initStatuses = new Map((status.initContainerStatuses ?? []).map(s => [s.name, s]));
	const appStatuses = new Map((status.containerStatuses ?? []).map(s => [s.name, s]));
	if (spec.initContainers?.length) {
		lines.push('Init Containers:');
		for (const container of spec.initContainers) lines.push(...containerLines(container, initStatuses.get(container.name)));
	}
	if (spec.containers.length === 0) lines.push('Containers: <none>');
	else {
		lines.push('Containers:');
		for (const container of spec.containers) lines.push(...containerLines(container, appStatuses.get(container.name)));
	}
	if (spec.readinessGates?.length) lines.push('Readiness Gates:', '  Type\tStatus', ...spec.readinessGates.map(gate => `  ${gate.conditionType} \t${status.conditions?.find(c => c.type === gate.conditionType)?.status ?? '<none>'} `));
	if (status.conditions?.length) lines.push('Conditions:', '  Type\tStatus', ...status.conditions.map(c => `  ${c.type} \t${c.status} `));
	if (spec.volumes?.length) {
		lines.push('Volumes:');
		for (const volume of spec.volumes) lines.push(...volumeLines(volume));
	} else {
		lines.push('Volumes:\t<none>');
	}
	lines.push(`QoS Class:\t${status.qosClass ?? ''}`);
	lines.push(...mapLines('Node-Selectors', spec.nodeSelector as Record<string, string> | undefined));
	const tolerations = (spec.tolerations as Array<{key?: string; operator?: string; value?: string; effect?: string; tolerationSeconds?: number}> | undefined) ?? [];
	if (tolerations.length === 0) lines.push('Tolerations:\t<none>');
	else {
		tolerations.forEach((t, at) => {
			const text = `${t.key ?? ''}${t.value ? `=${t.value}` : ''}${t.effect ? `:${t.effect}` : ''}${t.operator === 'Exists' && !t.value ? ' op=Exists' : ''}${t.tolerationSeconds !== undefined ? ` for ${t.tolerationSeconds}s` : ''}`;
			lines.push(`${at === 0 ? 'Tolerations:' : ''}\t${text}`);
		});
	}
	// DescribeEvents flushes first: the events table aligns on its own.
	return [...tabwrite(lines.join('\n')).split('\n'), ...tabwrite(eventLines(events, now).join('\n')).split('\n')];
}
