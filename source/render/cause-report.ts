// Cause groups printed once (`initk9 causes`): plain text for a terminal, Markdown for a ticket or
// a pull-request comment, JSON for scripts, CI gates and agents. All three from the same groups;
// cluster text (messages, names) is sanitised before it is printed.

import {groupStep, groupTitle, type CauseGroup} from '../model/cause-groups.js';
import {humanDuration} from '../model/duration.js';
import {HEALTH_SYMBOLS} from '../model/pod-health.js';
import {ownerLabel} from '../model/owner.js';
import {escapeMd} from './report.js';
import {sanitizeText} from '../model/sanitize.js';

export interface CausesInput {
	generatedAt: number;
	context: string;
	/** undefined = all namespaces. */
	namespace: string | undefined;
	/** Pods listed in the scope. */
	pods: number;
	groups: readonly CauseGroup[];
}

const MESSAGE_MAX = 300;
const PODS_LISTED = 5;

const clean = (text: string) => sanitizeText(text, MESSAGE_MAX);

function scopeText(input: CausesInput): string {
	return input.namespace === undefined ? 'all namespaces' : `namespace ${clean(input.namespace)}`;
}

function troubled(input: CausesInput): number {
	return input.groups.reduce((sum, group) => sum + group.pods.length, 0);
}

function summaryLine(input: CausesInput): string {
	const causes = input.groups.length;
	return `${causes} cause${causes === 1 ? '' : 's'}, ${troubled(input)} of ${input.pods} pods failing or stuck`;
}

/** `5m (oldest), pods still joining`. */
export function groupAge(group: CauseGroup, now: number): string {
	const age = group.oldestSince > 0 ? `${humanDuration(Math.max(0, now - group.oldestSince))} (oldest)` : 'unknown';
	return group.joining ? `${age}, pods still joining` : age;
}

function podList(group: CauseGroup, all: boolean): string {
	const names = group.pods.slice(0, PODS_LISTED).map(pod => clean(all ? `${pod.namespace}/${pod.name}` : pod.name));
	const more = group.pods.length - names.length;
	return `${names.join(', ')}${more > 0 ? ` (+${more} more)` : ''}`;
}

/** The heading of a group: `Deployment shop/api: 20 pods — exit 127 (command not found)`. */
export function groupHeading(group: CauseGroup): string {
	return clean(groupTitle(group));
}

/** Label/value lines about a group, shared by the text and Markdown outputs and the TUI's detail pane. */
export function groupFacts(group: CauseGroup, now: number, allNamespaces: boolean): Array<[string, string]> {
	return [
		['step', clean(groupStep(group))],
		['owners', clean(group.owners.map(ownerLabel).join(', '))],
		...(allNamespaces ? [['namespaces', clean(group.namespaces.join(', '))] as [string, string]] : []),
		['nodes', clean(group.nodes.join(', ') || 'none (not scheduled)')],
		['stuck for', groupAge(group, now)],
		['message', clean(group.message) || '(none)'],
		['pods', podList(group, allNamespaces)],
	];
}

export function causesText(input: CausesInput): string {
	const lines = [`initk9 causes — context ${clean(input.context)}, ${scopeText(input)}: ${summaryLine(input)}`];
	for (const group of input.groups) {
		lines.push('', `${HEALTH_SYMBOLS[group.worstHealth]} ${groupHeading(group)}`);
		for (const [label, value] of [...groupFacts(group, input.generatedAt, input.namespace === undefined), ['id', group.id]]) lines.push(`    ${label.padEnd(10)} ${value}`);
	}
	if (input.groups.length === 0) lines.push('', 'No pod is failing or stuck.');
	return `${lines.join('\n')}\n`;
}

function code(text: string): string {
	return `\`${text.replace(/`/g, "'")}\``;
}

export function causesMarkdown(input: CausesInput): string {
	const lines = [`# Cause groups — ${escapeMd(scopeText(input))}`, '', `${summaryLine(input)} (context ${escapeMd(clean(input.context))}, ${new Date(input.generatedAt).toISOString()}).`];
	input.groups.forEach((group, index) => {
		lines.push('', `## ${index + 1}. ${escapeMd(groupHeading(group))}`, '', `- **severity:** ${group.severity}`);
		for (const [label, value] of groupFacts(group, input.generatedAt, input.namespace === undefined)) lines.push(`- **${label}:** ${label === 'message' ? code(value) : escapeMd(value)}`);
		lines.push(`- **group id:** ${code(group.id)}`);
	});
	if (input.groups.length === 0) lines.push('', 'No pod is failing or stuck.');
	return `${lines.join('\n')}\n`;
}

export function causesJson(input: CausesInput): Record<string, unknown> {
	return {
		generatedAt: new Date(input.generatedAt).toISOString(),
		context: input.context,
		namespace: input.namespace ?? null,
		pods: input.pods,
		troubled: troubled(input),
		groups: input.groups.map(group => ({
			id: group.id,
			kind: group.kind,
			...(group.subject === undefined ? {} : {subject: group.subject}),
			severity: group.severity,
			title: groupTitle(group),
			count: group.pods.length,
			fingerprint: {key: group.key, ...group.parts, all: group.fingerprints},
			diagnosis: {stages: group.stages, positions: group.positions, containers: group.containers, reason: group.reason, message: sanitizeText(group.message)},
			owners: group.owners.map(owner => ({kind: owner.kind, namespace: owner.namespace, name: owner.name})),
			namespaces: group.namespaces,
			nodes: group.nodes,
			oldestSince: group.oldestSince > 0 ? new Date(group.oldestSince).toISOString() : null,
			joining: group.joining,
			pods: group.pods.map(pod => ({namespace: pod.namespace, name: pod.name, uid: pod.uid, ...(pod.node ? {node: pod.node} : {})})),
		})),
	};
}
