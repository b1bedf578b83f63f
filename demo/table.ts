// `meta.k8s.io/v1 Table` responses (what `kubectl get` prints): server-side printers for each kind.
import {humanDuration} from '../source/model/duration.js';
import type {StoredObject} from './store.js';

export interface Column {
	name: string;
	type: string;
	format: string;
	description: string;
	priority: number;
}

export type Cell = string | number | boolean;

export interface Printer {
	columns: Column[];
	row(object: StoredObject, now: number): Cell[];
}

export const column = (name: string, description: string, priority = 0, type = 'string', format = ''): Column => ({name, type, format, description, priority});
export const nameColumn = column('Name', 'Name must be unique within a namespace. Is required when creating resources, although some resources may allow a client to request the generation of an appropriate name automatically. Name is primarily intended for creation idempotence and configuration definition. Cannot be updated. More info: https://kubernetes.io/docs/concepts/overview/working-with-objects/names#names', 0, 'string', 'name');
export const ageColumn = column('Age', 'CreationTimestamp is a timestamp representing the server time when this object was created. It is not guaranteed to be set in happens-before order across separate operations. Clients may not set this value. It is represented in RFC3339 form and is in UTC.\n\nPopulated by the system. Read-only. Null for lists. More info: https://git.k8s.io/community/contributors/devel/sig-architecture/api-conventions.md#metadata');

/** `translateTimestampSince`: `<unknown>` for a zero time. */
export function since(timestamp: string | null | undefined, now: number): string {
	if (!timestamp) return '<unknown>';
	const at = Date.parse(timestamp);
	return Number.isNaN(at) ? '<unknown>' : humanDuration(now - at);
}

export const age = (object: StoredObject, now: number) => since(object.metadata.creationTimestamp, now);

export interface TableOptions {
	/** `includeObject`: None | Metadata (default) | Object. */
	includeObject: string;
	/** Watch events after the first carry no column definitions. */
	withColumns: boolean;
}

function rowObject(object: StoredObject, apiVersion: string, kind: string, includeObject: string): object | undefined {
	if (includeObject === 'None') return undefined;
	if (includeObject === 'Object') return {kind, apiVersion, ...object};
	return {kind: 'PartialObjectMetadata', apiVersion: 'meta.k8s.io/v1', metadata: object.metadata};
}

export function toTable(
	info: {printer: Printer; kind: string; group: string; version: string},
	objects: ReadonlyArray<StoredObject>,
	metadata: {resourceVersion?: string; continue?: string; remainingItemCount?: number},
	options: TableOptions,
	now: number = Date.now(),
): object {
	const {printer} = info;
	return {
		kind: 'Table',
		apiVersion: 'meta.k8s.io/v1',
		metadata,
		columnDefinitions: options.withColumns ? printer.columns : [],
		rows: objects.map(object => {
			const row: Record<string, unknown> = {cells: printer.row(object, now)};
			const embedded = rowObject(object, info.group ? `${info.group}/${info.version}` : info.version, info.kind, options.includeObject);
			if (embedded) row.object = embedded;
			return row;
		}),
	};
}

/** True when the Accept header asks for a Table (kubectl get). */
export function wantsTable(accept: string | undefined): boolean {
	return !!accept && /(^|[;,\s])as=Table(;|,|$)/.test(accept.replaceAll(' ', ''));
}
