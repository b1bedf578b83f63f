// Env files (`env[].valueFrom.fileKeyRef`, KEP-3721, stable in 1.37): an init container writes a
// `KEY=value` file into an emptyDir and another container reads a key of it as an environment
// variable. The file is an init-container side effect: when it or the key is missing, the reading
// container cannot be created (CreateContainerConfigError). This says who reads what and who
// could have written it; findings/env-file.ts and the checklist read it.

import type {Pod} from './k8s-types.js';

export interface EnvFileRef {
	/** The container whose environment needs the file. */
	container: string;
	env: string;
	volume: string;
	path: string;
	key: string;
	optional: boolean;
	/** Init containers that mount the volume writable: the ones that can write the file. */
	writers: string[];
}

export function envFileRefs(pod: Pod): EnvFileRef[] {
	const inits = pod.spec.initContainers ?? [];
	const refs: EnvFileRef[] = [];
	for (const container of [...inits, ...pod.spec.containers]) {
		for (const env of container.env ?? []) {
			const selector = env.valueFrom?.fileKeyRef;
			if (!selector?.volumeName || !selector.path || !selector.key) continue;
			const volume = selector.volumeName;
			const writers = inits.filter(init => init !== container && (init.volumeMounts ?? []).some(mount => mount.name === volume && !mount.readOnly)).map(init => init.name);
			refs.push({container: container.name, env: env.name, volume, path: selector.path, key: selector.key, optional: selector.optional === true, writers});
		}
	}
	return refs;
}

/** `env DB_ADDRESS = key DB_ADDRESS of config.env in volume envdir`. */
export function envFileText(ref: EnvFileRef): string {
	return `env ${ref.env} = key ${ref.key} of ${ref.path} in volume ${ref.volume}${ref.optional ? ' (optional)' : ''}`;
}

/** The init container suspected when `container` cannot be created for want of an env file (the verdict's suspect). */
export function envFileSuspect(pod: Pod, container: string, message?: string): {container: string; text: string} | undefined {
	const mine = envFileRefs(pod).filter(r => r.container === container && !r.optional);
	const ref = refsBlamed(mine, envFileFailure(message)).find(r => r.writers.length > 0);
	if (!ref) return undefined;
	return {container: ref.writers[0]!, text: `suspect init ${ref.writers[0]}: env file ${ref.path} (key ${ref.key})`};
}

// The kubelet's messages (kubernetes pkg/kubelet/kubelet_pods.go makeEnvironmentVariables, the
// FileKeyRef case, with pkg/kubelet/util/env ParseEnv): the waiting message of the reader's
// CreateContainerConfigError, and `Error: <message>` in its `Failed` event. A file that cannot be
// opened or parsed gets one generic message (the cause goes only to the kubelet's log).
export const ENV_FILE_UNPARSABLE = "couldn't parse env file";

/** The kubelet's host path of a file in an emptyDir volume, as its key-not-found message shows it. */
export function emptyDirFilePath(podUid: string, volume: string, path: string): string {
	return `/var/lib/kubelet/pods/${podUid}/volumes/kubernetes.io~empty-dir/${volume}/${path.replace(/^\/+/, '')}`;
}

export function envFileKeyMissingMessage(key: string, file: string): string {
	return `environment variable key ${JSON.stringify(key)} not found in file ${JSON.stringify(file)}`;
}

export function envFileVolumeMissingMessage(volume: string): string {
	return `cannot find the volume ${JSON.stringify(volume)} referenced by FileKeyRef`;
}

/** What the kubelet's message says went wrong with an env file, if it is one of its env-file messages. */
export type EnvFileFailure =
	| {kind: 'key'; key: string; file: string}
	| {kind: 'unreadable'}
	| {kind: 'volume'; volume: string};

export function envFileFailure(message: string | undefined): EnvFileFailure | undefined {
	if (!message) return undefined;
	const key = /environment variable key "([^"]*)" not found in file "([^"]*)"/.exec(message);
	if (key) return {kind: 'key', key: key[1]!, file: key[2]!};
	if (message.includes(ENV_FILE_UNPARSABLE)) return {kind: 'unreadable'};
	const volume = /cannot find the volume "([^"]*)" referenced by FileKeyRef/.exec(message);
	if (volume) return {kind: 'volume', volume: volume[1]!};
	return undefined;
}

/** The refs of `container` a failure message points at: the named key (and file), else all of them. */
export function refsBlamed(refs: readonly EnvFileRef[], failure: EnvFileFailure | undefined): EnvFileRef[] {
	const named = failure?.kind === 'key'
		? refs.filter(ref => ref.key === failure.key && (failure.file.endsWith(`/${ref.volume}/${ref.path.replace(/^\/+/, '')}`) || !failure.file.includes('/')))
		: failure?.kind === 'volume' ? refs.filter(ref => ref.volume === failure.volume) : [];
	return named.length > 0 ? named : [...refs];
}
