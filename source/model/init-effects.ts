// What an init container does to the pod beyond exiting 0: ownership and permission changes on
// volumes, network changes, privileges. Read from the spec only (command, args, security
// context, mounts), so it works on a pod that has not even started.
import type {Container, Pod, Volume} from './k8s-types.js';
import {commandScript, simpleCommands} from './shell.js';

export interface PermissionChange {
	container: string;
	/** The simple command as written, e.g. `chown -R 1000:1000 /data`. */
	command: string;
	tool: 'chown' | 'chgrp' | 'chmod' | 'setfacl' | 'mkdir';
	path: string;
	/** The volume the path lies on, when it is a mounted volume. */
	volume?: string;
	owner?: string;
	group?: string;
	mode?: string;
}

export interface NetworkChange {
	container: string;
	kind: 'command' | 'capability' | 'privileged' | 'hostNetwork';
	/** `iptables -t nat -A …`, or a capability / setting, e.g. `capability NET_ADMIN`. */
	what: string;
}

export interface RunsAs {
	/** Numeric uid when known from the status (applied) or the spec. */
	uid?: number;
	gid?: number;
	/** "runAsUser 2000", or "image default (usually root)". */
	description: string;
	root: boolean | 'unknown';
}

export interface SharedVolume {
	volume: string;
	type: string;
	initContainer: string;
	initMountPath: string;
	initReadOnly: boolean;
	appContainer: string;
	appMountPath: string;
	appReadOnly: boolean;
}

/** The shell text an init container runs: `sh -c '<script>'` → the script, else the argv joined. */
export function scriptOf(container: Container): string {
	return commandScript(container.command, container.args);
}

const basename = (word: string) => word.slice(word.lastIndexOf('/') + 1);

export function permissionChanges(pod: Pod): PermissionChange[] {
	const changes: PermissionChange[] = [];
	for (const container of pod.spec.initContainers ?? []) {
		for (const argv of simpleCommands(scriptOf(container))) {
			const tool = basename(argv[0]!);
			const rest = argv.slice(1);
			const operands = rest.filter(word => !word.startsWith('-'));
			const text = argv.join(' ');
			const at = (path: string, extra: Partial<PermissionChange>) => changes.push({container: container.name, command: text, tool: tool as PermissionChange['tool'], path, volume: volumeAt(container, path), ...extra});
			if (tool === 'chown' && operands.length >= 2) {
				const [owner, group] = operands[0]!.split(/[:.]/);
				for (const path of operands.slice(1)) at(path, {owner, group: group || undefined});
			} else if (tool === 'chgrp' && operands.length >= 2) {
				for (const path of operands.slice(1)) at(path, {group: operands[0]});
			} else if (tool === 'chmod' && operands.length >= 2) {
				for (const path of operands.slice(1)) at(path, {mode: operands[0]});
			} else if (tool === 'setfacl' && operands.length >= 1) {
				at(operands[operands.length - 1]!, {mode: rest.join(' ')});
			} else if (tool === 'mkdir') {
				const modeIndex = rest.findIndex(word => word === '-m' || word.startsWith('--mode'));
				if (modeIndex < 0) continue;
				const mode = rest[modeIndex]!.includes('=') ? rest[modeIndex]!.split('=')[1] : rest[modeIndex + 1];
				const paths = rest.filter((word, index) => !word.startsWith('-') && index !== modeIndex + 1);
				for (const path of paths) at(path, {mode});
			}
		}
	}
	return changes;
}

const NETWORK_TOOLS = new Set(['iptables', 'ip6tables', 'iptables-restore', 'ip6tables-restore', 'iptables-legacy', 'nft', 'tc', 'ethtool', 'istio-iptables', 'route']);

export function networkChanges(pod: Pod): NetworkChange[] {
	const changes: NetworkChange[] = [];
	if (pod.spec.hostNetwork && (pod.spec.initContainers ?? []).length > 0) {
		changes.push({container: '(pod)', kind: 'hostNetwork', what: 'hostNetwork: true — init containers change the node\'s network, not just the pod\'s'});
	}
	for (const container of pod.spec.initContainers ?? []) {
		for (const argv of simpleCommands(scriptOf(container))) {
			const tool = basename(argv[0]!);
			const isIp = tool === 'ip' && /^(route|r|link|l|addr|a|address|rule|neigh|netns)$/.test(argv[1] ?? '') && !/^(show|list|ls|get)$/.test(argv[2] ?? 'show');
			const isSysctl = tool === 'sysctl' && argv.some(word => word.includes('='));
			if (NETWORK_TOOLS.has(tool) || isIp || isSysctl) changes.push({container: container.name, kind: 'command', what: argv.join(' ')});
		}
		const capabilities = container.securityContext?.capabilities?.add ?? [];
		for (const capability of capabilities) {
			if (/^(CAP_)?(NET_ADMIN|NET_RAW|SYS_ADMIN)$/.test(capability)) changes.push({container: container.name, kind: 'capability', what: `capability ${capability}`});
		}
		if (container.securityContext?.privileged) changes.push({container: container.name, kind: 'privileged', what: 'privileged: true'});
	}
	return changes;
}

/** The identity the runtime applied (containerStatuses[].user, stable in 1.35), when the status has it. */
function appliedUser(pod: Pod, container: Container): {uid: number; gid: number; supplementalGroups?: number[]} | undefined {
	const status = [...(pod.status?.initContainerStatuses ?? []), ...(pod.status?.containerStatuses ?? [])].find(s => s.name === container.name);
	return status?.user?.linux;
}

/**
 * Who the container runs as: the identity the runtime reports having applied when the status has
 * it (1.35+: it is evidence, and covers the image's USER), else what the spec asks for.
 */
export function runsAs(pod: Pod, container: Container): RunsAs {
	const applied = appliedUser(pod, container);
	if (applied) {
		const groups = applied.supplementalGroups?.length ? `, groups ${applied.supplementalGroups.join(',')}` : '';
		return {uid: applied.uid, gid: applied.gid, description: `uid ${applied.uid}, gid ${applied.gid}${groups} (applied, containerStatuses[].user)`, root: applied.uid === 0};
	}
	const uid = container.securityContext?.runAsUser ?? pod.spec.securityContext?.runAsUser;
	const gid = container.securityContext?.runAsGroup ?? pod.spec.securityContext?.runAsGroup;
	const nonRoot = container.securityContext?.runAsNonRoot ?? pod.spec.securityContext?.runAsNonRoot;
	if (uid !== undefined) {
		const where = container.securityContext?.runAsUser !== undefined ? 'runAsUser' : 'pod runAsUser';
		return {uid, gid, description: `uid ${uid}${gid !== undefined ? `, gid ${gid}` : ''} (${where})`, root: uid === 0};
	}
	if (nonRoot) return {gid, description: 'the image\'s user, which must not be root (runAsNonRoot)', root: false};
	return {gid, description: 'the image\'s default user (usually root: no runAsUser)', root: 'unknown'};
}

export function sharedVolumes(pod: Pod): SharedVolume[] {
	const shared: SharedVolume[] = [];
	for (const init of pod.spec.initContainers ?? []) {
		for (const initMount of init.volumeMounts ?? []) {
			if (/^kube-api-access-/.test(initMount.name)) continue;
			for (const app of pod.spec.containers) {
				for (const appMount of app.volumeMounts ?? []) {
					if (appMount.name !== initMount.name) continue;
					shared.push({
						volume: initMount.name,
						type: volumeType(pod.spec.volumes?.find(volume => volume.name === initMount.name)),
						initContainer: init.name,
						initMountPath: initMount.mountPath,
						initReadOnly: Boolean(initMount.readOnly),
						appContainer: app.name,
						appMountPath: appMount.mountPath,
						appReadOnly: Boolean(appMount.readOnly),
					});
				}
			}
		}
	}
	return shared;
}

export function volumeType(volume: Volume | undefined): string {
	if (!volume) return 'unknown';
	if (volume.emptyDir) return 'emptyDir';
	if (volume.persistentVolumeClaim) return `persistentVolumeClaim ${volume.persistentVolumeClaim.claimName}`;
	if (volume.hostPath) return `hostPath ${volume.hostPath.path}`;
	if (volume.configMap) return `configMap ${volume.configMap.name}`;
	if (volume.secret) return `secret ${volume.secret.secretName}`;
	const other = Object.keys(volume).find(key => key !== 'name');
	return other ?? 'unknown';
}

/** The volume a path lies on inside a container (longest mountPath prefix). */
function volumeAt(container: Container, path: string): string | undefined {
	let best: {name: string; length: number} | undefined;
	for (const mount of container.volumeMounts ?? []) {
		const root = mount.mountPath.replace(/\/+$/, '');
		if ((path === root || path.startsWith(`${root}/`)) && (!best || root.length > best.length)) best = {name: mount.name, length: root.length};
	}
	return best?.name;
}
