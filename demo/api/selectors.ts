// labelSelector and fieldSelector as the API server parses and applies them.
import type {StoredObject} from '../store.js';
import type {ResourceInfo} from './resources.js';
import {badRequest} from './status.js';

export type Matcher = (object: StoredObject) => boolean;

const everything: Matcher = () => true;

/** Splits at commas that are not inside `( … )`. */
function splitTopLevel(text: string): string[] {
	const parts: string[] = [];
	let depth = 0;
	let current = '';
	for (const ch of text) {
		if (ch === '(') depth++;
		if (ch === ')') depth--;
		if (ch === ',' && depth === 0) {
			parts.push(current);
			current = '';
		} else {
			current += ch;
		}
	}
	parts.push(current);
	return parts.map(part => part.trim()).filter(part => part !== '');
}

type LabelTest = (labels: Record<string, string>) => boolean;

function parseLabelRequirement(requirement: string): LabelTest {
	const set = /^([^\s!=(),]+)\s+(in|notin)\s+\(([^)]*)\)$/.exec(requirement);
	if (set) {
		const [, key, op, list] = set as unknown as [string, string, string, string];
		const values = new Set(list.split(',').map(v => v.trim()).filter(v => v !== ''));
		return op === 'in' ? labels => key in labels && values.has(labels[key]!) : labels => !(key in labels) || !values.has(labels[key]!);
	}
	const compare = /^([^\s!=(),]+)\s*(==|=|!=)\s*([^\s!=(),]*)$/.exec(requirement);
	if (compare) {
		const [, key, op, value] = compare as unknown as [string, string, string, string];
		return op === '!=' ? labels => labels[key] !== value : labels => labels[key] === value;
	}
	const exists = /^(!?)\s*([^\s!=(),]+)$/.exec(requirement);
	if (exists) {
		const [, not, key] = exists as unknown as [string, string, string];
		return not ? labels => !(key in labels) : labels => key in labels;
	}
	throw badRequest(`unable to parse requirement: found '${requirement}', expected: in, notin, =, ==, !=, gt, lt`);
}

export function labelMatcher(selector: string | null): Matcher {
	if (!selector) return everything;
	const tests = splitTopLevel(selector).map(parseLabelRequirement);
	return object => {
		const labels = (object.metadata.labels ?? {}) as Record<string, string>;
		return tests.every(test => test(labels));
	};
}

const commonFields = ['metadata.name', 'metadata.namespace'];

function fieldValue(object: StoredObject, field: string): string {
	if (field === 'source') return String((object.source as {component?: string} | undefined)?.component ?? '');
	if (field === 'status.successful') return String((object.status as {succeeded?: number} | undefined)?.succeeded ?? 0);
	if (field === 'status.podIPs') return String(((object.status as {podIPs?: Array<{ip: string}>} | undefined)?.podIPs ?? [])[0]?.ip ?? '');
	let value: unknown = object;
	for (const part of field.split('.')) {
		value = value && typeof value === 'object' ? (value as Record<string, unknown>)[part] : undefined;
	}
	if (value === undefined || value === null) return field === 'spec.hostNetwork' || field === 'spec.unschedulable' ? 'false' : '';
	return String(value);
}

export function fieldMatcher(info: ResourceInfo, selector: string | null): Matcher {
	if (!selector) return everything;
	const tests = splitTopLevel(selector).map(requirement => {
		const match = /^([^!=]+?)\s*(==|=|!=)\s*(.*)$/.exec(requirement);
		if (!match) throw badRequest(`invalid selector: '${selector}'; can't understand '${requirement}'`);
		const [, field, op, value] = match as unknown as [string, string, string, string];
		if (!commonFields.includes(field) && !(info.fieldLabels ?? []).includes(field)) throw badRequest(`field label not supported: ${field}`);
		return (object: StoredObject) => (fieldValue(object, field) === value) !== (op === '!=');
	});
	return object => tests.every(test => test(object));
}
