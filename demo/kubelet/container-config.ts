// kuberuntime generateContainerConfig's ConfigMap checks: a missing ConfigMap or key referenced
// by env / envFrom is a CreateContainerConfigError with the kubelet's exact message.
import type {Container} from '../../source/model/k8s-types.js';
import type {ClusterBackend} from '../backend.js';

export async function checkContainerConfig(backend: ClusterBackend, namespace: string, container: Container): Promise<string | undefined> {
	try {
		for (const source of container.envFrom ?? []) {
			const ref = source.configMapRef;
			if (ref && !ref.optional && !(await backend.getConfigMap(namespace, ref.name))) return `configmap "${ref.name}" not found`;
		}
		for (const env of container.env ?? []) {
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
