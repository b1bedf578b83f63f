// RBAC denials the faults can switch on, with the API server's exact messages.
import type {FaultState} from '../faults.js';
import {ApiError} from './status.js';

export const demoUser = 'demo';

export interface Access {
	verb: string;
	/** e.g. `pods` or `pods/log`. */
	resource: string;
	namespace?: string;
	name?: string;
	clusterScopedKind: boolean;
	/** The API group ('' for core). */
	group?: string;
}

export function authorize(faults: FaultState, access: Access): void {
	const {verb, resource, namespace, name} = access;
	const clusterWide = namespace === undefined && !name && (verb === 'list' || verb === 'watch');
	const denied =
		(clusterWide && (faults.clusterScopeForbidden || faults.allowedNamespaces !== undefined)) ||
		(namespace !== undefined && faults.allowedNamespaces !== undefined && !faults.allowedNamespaces.has(namespace));
	if (!denied) return;
	const [base] = resource.split('/');
	const subject = name ? `${base} "${name}"` : base;
	const scope = namespace !== undefined ? `in the namespace "${namespace}"` : 'at the cluster scope';
	throw new ApiError(403, `${subject} is forbidden: User "${demoUser}" cannot ${verb} resource "${resource}" in API group "${access.group ?? ''}" ${scope}`, 'Forbidden', {
		...(name ? {name} : {}),
		kind: base,
	});
}
