// What changed in a rollout: the old and the new pod template compared where a start-up breaks —
// init containers added, removed or changed, images, commands and args, env, volume mounts,
// securityContext of containers and pod, volumes. The first clue when "it worked before". Pure.
import type {Container, PodSpec} from '../k8s-types.js';

export interface TemplateChange {
	/** added, removed, changed. */
	op: '+' | '-' | '~';
	/** `init container migrate-db`, `container api`, `volume data`, `pod securityContext`. */
	subject: string;
	/** `image ghcr.io/shop/api:1.8.2 → ghcr.io/shop/api:1.9.0`, or what an added thing is. */
	text: string;
}

/** Stable JSON (sorted keys) for comparing nested values. */
function canonical(value: unknown): string {
	if (Array.isArray(value)) return `[${value.map(canonical).join(',')}]`;
	if (value && typeof value === 'object') {
		const entries = Object.entries(value as Record<string, unknown>).filter(([, item]) => item !== undefined).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
		return `{${entries.map(([key, item]) => `${JSON.stringify(key)}:${canonical(item)}`).join(',')}}`;
	}
	return JSON.stringify(value ?? null);
}

const argv = (container: Container) => [...(container.command ?? []), ...(container.args ?? [])].join(' ');

function short(value: unknown): string {
	const text = value === undefined ? '(none)' : typeof value === 'string' ? value : canonical(value);
	return text.length > 80 ? `${text.slice(0, 79)}…` : text;
}

/** Each field compared, with how it reads in one line. */
const CONTAINER_FIELDS: ReadonlyArray<[string, (container: Container) => unknown]> = [
	['image', container => container.image],
	['command', container => (argv(container) || undefined)],
	['env', container => container.env?.map(env => (env.value === undefined ? `${env.name}←${canonical(env.valueFrom)}` : `${env.name}=${env.value}`)).join(' ')],
	['envFrom', container => container.envFrom],
	['volumeMounts', container => container.volumeMounts?.map(mount => `${mount.name}:${mount.mountPath}${mount.readOnly ? ':ro' : ''}`).join(' ')],
	['securityContext', container => container.securityContext],
	['resources', container => container.resources],
	['restartPolicy', container => container.restartPolicy],
];

function containerChanges(label: string, before: readonly Container[], after: readonly Container[]): TemplateChange[] {
	const changes: TemplateChange[] = [];
	const old = new Map(before.map(container => [container.name, container]));
	const fresh = new Map(after.map(container => [container.name, container]));
	for (const container of before) {
		if (!fresh.has(container.name)) changes.push({op: '-', subject: `${label} ${container.name}`, text: short(container.image)});
	}
	for (const container of after) {
		const previous = old.get(container.name);
		if (!previous) {
			const command = argv(container);
			changes.push({op: '+', subject: `${label} ${container.name}`, text: `${short(container.image)}${command ? `: ${short(command)}` : ''}`});
			continue;
		}
		for (const [field, read] of CONTAINER_FIELDS) {
			const a = read(previous);
			const b = read(container);
			if (canonical(a) !== canonical(b)) changes.push({op: '~', subject: `${label} ${container.name}`, text: `${field} ${short(a)} → ${short(b)}`});
		}
	}
	const order = (names: Container[]) => names.map(container => container.name).join(',');
	const common = (list: readonly Container[], other: Map<string, Container>) => list.filter(container => other.has(container.name));
	if (order(common(before, fresh)) !== order(common(after, old))) changes.push({op: '~', subject: `${label}s`, text: `order ${order(common(before, fresh))} → ${order(common(after, old))}`});
	return changes;
}

export function templateDiff(before: PodSpec, after: PodSpec): TemplateChange[] {
	const changes = [
		...containerChanges('init container', before.initContainers ?? [], after.initContainers ?? []),
		...containerChanges('container', before.containers ?? [], after.containers ?? []),
	];
	const oldVolumes = new Map((before.volumes ?? []).map(volume => [volume.name, volume]));
	const newVolumes = new Map((after.volumes ?? []).map(volume => [volume.name, volume]));
	for (const [name, volume] of oldVolumes) if (!newVolumes.has(name)) changes.push({op: '-', subject: `volume ${name}`, text: short(volumeSource(volume))});
	for (const [name, volume] of newVolumes) {
		const previous = oldVolumes.get(name);
		if (!previous) changes.push({op: '+', subject: `volume ${name}`, text: short(volumeSource(volume))});
		else if (canonical(previous) !== canonical(volume)) changes.push({op: '~', subject: `volume ${name}`, text: `${short(volumeSource(previous))} → ${short(volumeSource(volume))}`});
	}
	for (const field of ['securityContext', 'serviceAccountName', 'hostNetwork', 'restartPolicy'] as const) {
		if (canonical(before[field]) !== canonical(after[field])) changes.push({op: '~', subject: `pod ${field}`, text: `${short(before[field])} → ${short(after[field])}`});
	}
	return changes;
}

function volumeSource(volume: {name: string; [key: string]: unknown}): unknown {
	const {name: _name, ...source} = volume;
	return source;
}

/** `+ init container migrate-db  ghcr.io/shop/api:1.9.0: sh -c …`. */
export function changeLine(change: TemplateChange): string {
	return `${change.op} ${change.subject}  ${change.text}`;
}
