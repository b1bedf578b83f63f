// A pod that is not scheduled never reaches its init containers.

import type {Facts, Finding} from './types.js';

export function schedulingFindings(facts: Facts): Finding[] {
	const condition = facts.pod.status?.conditions?.find(c => c.type === 'PodScheduled');
	const gates = facts.pod.spec.schedulingGates ?? [];
	if (gates.length > 0) {
		const summary = `not scheduled: scheduling gates ${gates.map(gate => gate.name).join(', ')} are set`;
		return [{id: 'scheduling:pod', family: 'scheduling', severity: 'warning', title: summary, summary, details: ['The scheduler waits until every gate is removed from spec.schedulingGates.']}];
	}
	if (!condition || condition.status !== 'False') return [];
	const summary = `not scheduled${condition.reason ? ` (${condition.reason})` : ''}${condition.message ? ` — ${condition.message}` : ''}`;
	return [{id: 'scheduling:pod', family: 'scheduling', severity: 'error', title: summary, summary, details: ['Init containers only start once the pod is on a node.']}];
}
