// The `kubectl logs` trap (the article's opening): while the app waits on PodInitializing,
// `kubectl logs POD` fails; the logs worth reading are the blocking init container's.

import type {SequenceStep} from '../init-sequence.js';
import type {Facts, Finding} from './types.js';
import {failedInstanceIsPrevious} from './text.js';
import {hasRun} from '../container-state.js';

/** The container whose logs explain the pod: the blocked step, else the first init not done. */
export function logsTarget(facts: Facts): SequenceStep | undefined {
	const {steps, blockedIndex} = facts.sequence;
	if (blockedIndex !== undefined) return steps[blockedIndex];
	return steps.find(step => step.kind !== 'app' && !step.initDone);
}

export function logsTrapFindings(facts: Facts): Finding[] {
	const {steps} = facts.sequence;
	const waitingApps = steps.filter(step => step.kind === 'app' && step.reason === 'PodInitializing');
	if (waitingApps.length === 0 || facts.sequence.initCount === 0) return [];
	const target = logsTarget(facts);
	if (!target || target.kind === 'app') return [];
	const pod = facts.pod.metadata.name;
	const previous = failedInstanceIsPrevious(target) && target.symbol !== 'running';
	const app = waitingApps[0]!;
	const ran = hasRun(target.status);
	const instead = ran ? `read ${target.name}'s logs instead` : `${target.name} has not run yet, so it has no logs: its state and the events say why`;
	const summary = `\`kubectl logs ${pod}\` only says "${app.name} is waiting to start: PodInitializing" — ${instead}`;
	const namespace = facts.pod.metadata.namespace ? ` -n ${facts.pod.metadata.namespace}` : '';
	return [{
		id: 'logs-trap:pod',
		family: 'logs-trap',
		severity: 'info',
		container: target.name,
		title: summary,
		summary,
		details: [ran ? `kubectl logs ${pod} -c ${target.name}${previous ? ' --previous' : ''}${namespace}` : `kubectl describe pod ${pod}${namespace}`],
		...(ran ? {logs: {container: target.name, previous}, action: 'logs' as const} : {}),
	}];
}
