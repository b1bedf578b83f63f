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

interface FileKeySelector {
	volumeName?: string;
	path?: string;
	key?: string;
	optional?: boolean;
}

export function envFileRefs(pod: Pod): EnvFileRef[] {
	const inits = pod.spec.initContainers ?? [];
	const refs: EnvFileRef[] = [];
	for (const container of [...inits, ...pod.spec.containers]) {
		for (const env of container.env ?? []) {
			const selector = env.valueFrom?.fileKeyRef as FileKeySelector | undefined;
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
export function envFileSuspect(pod: Pod, container: string): {container: string; text: string} | undefined {
	const ref = envFileRefs(pod).find(r => r.container === container && !r.optional && r.writers.length > 0);
	if (!ref) return undefined;
	return {container: ref.writers[0]!, text: `suspect init ${ref.writers[0]}: env file ${ref.path} (key ${ref.key})`};
}
