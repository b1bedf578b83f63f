// The `until nslookup <svc>.<ns>.svc.cluster.local; do echo waiting for <svc>; sleep 2; done`
// idiom, driven by the cluster: the lookup succeeds once the Service exists and its Endpoints
// have a ready address in the pod's namespace, never by script.
import type {ClusterBackend} from '../backend.js';
import type {DependencyWait} from './programs.js';

export interface LookupAnswer {
	clusterIP: string;
}

const DNS = ['Server:    10.96.0.10', 'Address 1: 10.96.0.10 kube-dns.kube-system.svc.cluster.local', ''];

export async function resolveService(backend: ClusterBackend, namespace: string, wait: DependencyWait): Promise<LookupAnswer | undefined> {
	try {
		const [service, endpoints] = await Promise.all([backend.getService(namespace, wait.service), backend.getEndpoints(namespace, wait.service)]);
		const ready = endpoints?.subsets?.some(subset => (subset.addresses?.length ?? 0) > 0) ?? false;
		if (service && ready) return {clusterIP: service.spec?.clusterIP ?? '10.96.0.1'};
	} catch {
		// The API being unreachable looks like a failed lookup.
	}
	return undefined;
}

/** What busybox 1.28's nslookup (and the loop's echo) prints for one attempt. */
export function lookupLines(service: string, namespace: string, answer: LookupAnswer | undefined): string[] {
	const fqdn = `${service}.${namespace}.svc.cluster.local`;
	if (answer) return [...DNS, `Name:      ${fqdn}`, `Address 1: ${answer.clusterIP} ${fqdn}`];
	return [...DNS, `nslookup: can't resolve '${fqdn}'`, `waiting for ${service}`];
}
