// kuberuntime generateContainerConfig's env checks, in the kubelet's order (envFrom, then env in
// spec order): a missing ConfigMap or key, or (1.34+, KEP-3721) an env file or key an init
// container should have written, is a CreateContainerConfigError with the kubelet's exact message.
import {emptyDirFilePath, ENV_FILE_UNPARSABLE, envFileKeyMissingMessage, envFileVolumeMissingMessage} from '../../source/model/env-files.js';
import type {Container} from '../../source/model/k8s-types.js';
import type {ClusterBackend} from '../backend.js';

/** The pod's emptyDir volumes as the node sees them: which env files exist and their keys. */
export interface PodFiles {
	podUid: string;
	/** The pod's emptyDir volume names. */
	emptyDirs: ReadonlySet<string>;
	/** The keys of the file at `path` in `volume`, or undefined when no file is there. */
	keys(volume: string, path: string): ReadonlySet<string> | undefined;
}

export async function checkContainerConfig(backend: ClusterBackend, namespace: string, container: Container, files: PodFiles): Promise<string | undefined> {
	try {
		for (const source of container.envFrom ?? []) {
			const ref = source.configMapRef;
			if (ref && !ref.optional && !(await backend.getConfigMap(namespace, ref.name))) return `configmap "${ref.name}" not found`;
		}
		for (const env of container.env ?? []) {
			const file = env.valueFrom?.fileKeyRef;
			if (file) {
				const error = envFileError(file, files);
				if (error) return error;
				continue;
			}
			const ref = env.valueFrom?.configMapKeyRef;
			if (!ref) continue;
			const configMap = await backend.getConfigMap(namespace, ref.name);
			if (!configMap) {
				if (ref.optional) continue;
				return `configmap "${ref.name}" not found`;
			}
			if (configMap.data?.[ref.key] === undefined && !ref.optional) return `couldn't find key ${ref.key} in ConfigMap ${namespace}/${ref.name}`;
		}
	} catch (error) {
		return `failed to sync configmap cache: ${(error as Error).message}`;
	}
	return undefined;
}

/** kubelet_pods.go makeEnvironmentVariables, FileKeyRef case (optional skips only a missing key). */
function envFileError(ref: {volumeName: string; path: string; key: string; optional?: boolean}, files: PodFiles): string | undefined {
	if (!files.emptyDirs.has(ref.volumeName)) return envFileVolumeMissingMessage(ref.volumeName);
	const keys = files.keys(ref.volumeName, ref.path);
	// ParseEnv cannot open the file: the kubelet's one message for it (the cause goes to its log).
	if (!keys) return ENV_FILE_UNPARSABLE;
	if (keys.has(ref.key) || ref.optional) return undefined;
	return envFileKeyMissingMessage(ref.key, emptyDirFilePath(files.podUid, ref.volumeName, ref.path));
}
