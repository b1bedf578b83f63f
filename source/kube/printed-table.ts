// The server's own printer: a list asked for as a Table (what `kubectl get` asks for) is a few
// hundred bytes per pod where the full object is ~1.6 KB, so it arrives and parses several times
// faster. Rows keep the object's metadata (PartialObjectMetadata) so they are keyed like objects.
import type {ObjectMeta, PrintedRow} from '../model/k8s-types.js';

/** kubectl get's Accept header: Table v1, then v1beta1, then plain JSON from servers without Tables. */
export const TABLE_ACCEPT = 'application/json;as=Table;v=v1;g=meta.k8s.io,application/json;as=Table;v=v1beta1;g=meta.k8s.io,application/json';

export interface WireTable {
	kind?: string;
	metadata?: {resourceVersion?: string; continue?: string};
	columnDefinitions?: Array<{name?: string}>;
	rows?: Array<{cells?: unknown[]; object?: {metadata?: ObjectMeta}}>;
}

/** The rows with cells keyed by column name; undefined when the answer is not a Table with object metadata. */
export function printedRows(table: WireTable): PrintedRow[] | undefined {
	if (table.kind !== 'Table' || !Array.isArray(table.columnDefinitions)) return undefined;
	const names = table.columnDefinitions.map(column => column.name ?? '');
	const rows: PrintedRow[] = [];
	for (const row of table.rows ?? []) {
		const metadata = row.object?.metadata;
		if (!metadata?.name) return undefined;
		const cells: Record<string, unknown> = {};
		const values = row.cells ?? [];
		for (let index = 0; index < names.length; index++) cells[names[index]!] = values[index];
		rows.push({metadata, cells});
	}
	return rows;
}
