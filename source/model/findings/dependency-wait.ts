// An init container that runs and runs without failing: if its command waits for a host, say for
// which one, and whether that Service exists and has ready endpoints (looked up read-only).

import {dependencyWait, type DependencyTarget, type DependencyWait} from '../dependency.js';
import {humanDuration} from '../duration.js';
import type {Endpoints, Pod, Service} from '../k8s-types.js';
import type {SequenceStep} from '../init-sequence.js';
import {type ContainerLog, type Facts, type Finding, type ServiceLookup} from './types.js';
import {commandDetail, logOf} from './text.js';

/** A Service lookup from what the API returned (undefined = 404). */
export function serviceLookup(service: Service | undefined, endpoints: Endpoints | undefined): ServiceLookup {
	if (!service) return {exists: false};
	let ready = 0;
	let notReady = 0;
	for (const subset of endpoints?.subsets ?? []) {
		ready += subset.addresses?.length ?? 0;
		notReady += subset.notReadyAddresses?.length ?? 0;
	}
	return {exists: true, readyEndpoints: ready, notReadyEndpoints: notReady, ports: (service.spec?.ports ?? []).map(port => port.port)};
}

/** The dependency waits of the pod's regular init containers, by container name. */
export function podDependencyWaits(pod: Pod): Map<string, DependencyWait> {
	const namespace = pod.metadata.namespace ?? 'default';
	const waits = new Map<string, DependencyWait>();
	for (const container of pod.spec.initContainers ?? []) {
		if (container.restartPolicy === 'Always') continue;
		const wait = dependencyWait(container.command, container.args, namespace, container.env);
		if (wait) waits.set(container.name, wait);
	}
	return waits;
}

/** The line the log repeats, when its last lines are mostly one message. */
export function repeatedLine(log: ContainerLog | undefined): string | undefined {
	const lines = (log?.lines ?? []).map(line => line.trim()).filter(Boolean);
	const counts = new Map<string, number>();
	for (const line of lines) counts.set(line, (counts.get(line) ?? 0) + 1);
	// Among the most frequent lines, the one written last: a loop's `echo waiting for …` ends each
	// round, after the tool's own output (nslookup's Server:/Address: lines repeat as often).
	let best: string | undefined;
	let bestCount = 1;
	for (const line of lines) {
		const count = counts.get(line)!;
		if (count >= bestCount && count >= 2) {
			best = line;
			bestCount = count;
		}
	}
	return best;
}

type Verdict = {text: string; blocking: boolean};

function verdict(target: DependencyTarget, services: Facts['services']): Verdict {
	if (!target.service) return {text: `waits for ${target.host}${target.port ? `:${target.port}` : ''} (outside the cluster: not checked)`, blocking: false};
	const {name, namespace} = target.service;
	const lead = `waits for Service ${name} in ${namespace}`;
	const lookup = services?.[`${namespace}/${name}`];
	if (!lookup) return {text: `${lead} (checking…)`, blocking: false};
	if ('error' in lookup) return {text: `${lead} — cannot check: ${lookup.error}`, blocking: false};
	if (!lookup.exists) return {text: `${lead} — it does not exist`, blocking: true};
	if (lookup.readyEndpoints === 0) {
		const notReady = lookup.notReadyEndpoints > 0 ? ` (${lookup.notReadyEndpoints} not ready)` : '';
		return {text: `${lead} — exists, 0 ready endpoints${notReady}`, blocking: true};
	}
	const port = target.port && lookup.ports.length > 0 && !lookup.ports.includes(target.port) ? `, but it does not expose port ${target.port} (ports ${lookup.ports.join(', ')})` : '';
	return {text: `${lead} — exists, ${lookup.readyEndpoints} ready endpoint${lookup.readyEndpoints === 1 ? '' : 's'}${port}`, blocking: port !== ''};
}

function isWaitingStep(step: SequenceStep): boolean {
	return step.kind === 'init' && step.state === 'Running';
}

export function dependencyWaitFindings(facts: Facts): Finding[] {
	const threshold = facts.config.stuckAfterMs;
	const waits = podDependencyWaits(facts.pod);
	const findings: Finding[] = [];
	for (const step of facts.sequence.steps) {
		if (!isWaitingStep(step)) continue;
		const wait = waits.get(step.name);
		const runningFor = step.durationMs ?? 0;
		const long = runningFor >= threshold;
		const repeated = repeatedLine(logOf(facts, step));
		if (!wait) {
			if (!long || step.restarts > 0) continue;
			const summary = `running for ${humanDuration(runningFor)} with no restarts and no exit${repeated ? ` — log repeats "${repeated}"` : ''}`;
			findings.push({id: `dependency-wait:${step.name}`, family: 'dependency-wait', severity: 'warning', container: step.name, title: `${step.name} ${summary}`, summary, details: [commandDetail(step), 'The pod stays in Init until this container exits 0: its log shows what it is doing.'], logs: {container: step.name, previous: false}, action: 'logs'});
			continue;
		}
		const verdicts = wait.targets.map(target => verdict(target, facts.services));
		const blocking = verdicts.some(v => v.blocking);
		if (!long && !blocking) continue;
		const main = verdicts.find(v => v.blocking) ?? verdicts[0]!;
		const summary = `${main.text}${repeated ? ` — log repeats "${repeated}"` : ''}`;
		const details = [
			`Running for ${humanDuration(runningFor)}, ${step.restarts === 0 ? 'no restarts' : `${step.restarts} restarts`}: the command loops until its target answers.`,
			...verdicts.filter(v => v !== main).map(v => v.text),
			commandDetail(step),
		];
		if (blocking) details.push('Create the Service (with a selector matching ready pods), or fix the name in the command; the init container then finishes on its own.');
		else if (main.text.includes('ready endpoint')) details.push('The Service looks fine: check the DNS name, the port and network policies from inside the pod.');
		findings.push({
			id: `dependency-wait:${step.name}`,
			family: 'dependency-wait',
			severity: blocking && long ? 'error' : 'warning',
			container: step.name,
			title: `${step.name} ${summary}`,
			summary,
			details,
			logs: {container: step.name, previous: false},
		});
	}
	return findings;
}
