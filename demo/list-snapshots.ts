// Point-in-time views of one kind's objects, sorted by storage key, for paginated lists: what
// etcd's reads at a revision are to the real API server. Every page of a list is cut from the view
// at the first page's resourceVersion, so objects created or deleted between pages neither show up
// nor go missing.
//
// A live index per kind (kept sorted from the store's change notifications) gives the current view
// without sorting; handing it out marks its arrays shared, and the next change copies them first
// (copy-on-write), so a view is never mutated. Stored objects are replaced on every write, never
// changed in place, so a view holds references, not copies. Views a continue token points at are
// kept (bounded, with a TTL); an evicted one is rebuilt by undoing the history's changes since its
// resourceVersion. Once the history no longer reaches back that far (compaction), there is none.
import type {Change, ClusterStore, Kind, StoredObject} from './store.js';

/** One kind's objects at one resourceVersion, sorted by key; never mutated once handed out. */
export interface Snapshot {
	readonly rv: number;
	/** `namespace/name` (namespaced kinds) or `name` (cluster-scoped ones), ascending. */
	readonly keys: readonly string[];
	readonly objects: readonly StoredObject[];
}

export interface SnapshotOptions {
	/** How many views continue tokens may pin at once (default 32); the least recently used goes first. */
	maxKept?: number;
	/** How long a kept view outlives its last use (default 5 minutes, etcd's compaction interval). */
	ttlMs?: number;
	now?: () => number;
}

/** The key a list is sorted and resumed by: etcd's key below `/registry/<resource>/`. */
export const storageKey = (object: StoredObject): string => (object.metadata.namespace ? `${object.metadata.namespace}/${object.metadata.name}` : object.metadata.name);

/** The first index whose key is >= `key`. */
export function lowerBound(keys: readonly string[], key: string): number {
	let lo = 0;
	let hi = keys.length;
	while (lo < hi) {
		const mid = (lo + hi) >>> 1;
		if (keys[mid]! < key) lo = mid + 1;
		else hi = mid;
	}
	return lo;
}

interface LiveIndex {
	keys: string[];
	objects: StoredObject[];
	/** A snapshot refers to these arrays: copy before the next change. */
	shared: boolean;
	/** The snapshot last handed out, while nothing of this kind has changed since. */
	view: Snapshot | undefined;
}

interface Kept {
	snapshot: Snapshot;
	expiresAt: number;
}

/** Inserts, replaces or (object undefined) removes the entry for `key`, keeping the arrays sorted. */
function apply(keys: string[], objects: StoredObject[], key: string, object: StoredObject | undefined): void {
	const at = lowerBound(keys, key);
	const present = keys[at] === key;
	if (object === undefined) {
		if (present) {
			keys.splice(at, 1);
			objects.splice(at, 1);
		}
	} else if (present) {
		objects[at] = object;
	} else {
		keys.splice(at, 0, key);
		objects.splice(at, 0, object);
	}
}

export class ListSnapshots {
	private readonly live = new Map<Kind, LiveIndex>();
	/** By `kind@rv`, least recently used first. */
	private readonly kept = new Map<string, Kept>();
	private readonly maxKept: number;
	private readonly ttlMs: number;
	private readonly now: () => number;

	constructor(
		private readonly store: ClusterStore,
		options: SnapshotOptions = {},
	) {
		this.maxKept = options.maxKept ?? 32;
		this.ttlMs = options.ttlMs ?? 5 * 60_000;
		this.now = options.now ?? Date.now;
		store.subscribe(change => this.onChange(change));
	}

	/** The kind's objects now: cheap when nothing of the kind changed since the last call. */
	current(kind: Kind): Snapshot {
		const rv = Number(this.store.resourceVersion);
		let index = this.live.get(kind);
		if (!index) {
			const objects = this.store.list(kind).items;
			const entries = objects.map(object => [storageKey(object), object] as const);
			entries.sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0));
			index = {keys: entries.map(e => e[0]), objects: entries.map(e => e[1]), shared: false, view: undefined};
			this.live.set(kind, index);
		}
		if (index.view?.rv !== rv) index.view = {rv, keys: index.keys, objects: index.objects};
		index.shared = true;
		return index.view;
	}

	/**
	 * The kind's objects as they were at `rv`: `expired` once the history no longer reaches back
	 * that far (like a compacted etcd revision), `future` for a resourceVersion not reached yet.
	 */
	at(kind: Kind, rv: number): Snapshot | 'expired' | 'future' {
		this.prune();
		const current = Number(this.store.resourceVersion);
		if (rv > current) return 'future';
		if (this.store.isExpired(rv)) return 'expired';
		if (rv === current) return this.current(kind);
		const id = `${kind}@${rv}`;
		const kept = this.kept.get(id);
		if (kept) {
			this.keep(kind, kept.snapshot);
			return kept.snapshot;
		}
		const rewound = this.rewind(kind, rv);
		if (rewound === undefined) return 'expired';
		this.keep(kind, rewound);
		return rewound;
	}

	/** Pins a view a continue token points at (refreshing its TTL). */
	keep(kind: Kind, snapshot: Snapshot): void {
		const id = `${kind}@${snapshot.rv}`;
		this.kept.delete(id);
		this.kept.set(id, {snapshot, expiresAt: this.now() + this.ttlMs});
		this.prune();
	}

	/** How many views are pinned (for tests). */
	get keptCount(): number {
		return this.kept.size;
	}

	/** Drops views that timed out, whose resourceVersion was compacted, or beyond the bound. */
	private prune(): void {
		const now = this.now();
		for (const [id, kept] of this.kept) {
			if (kept.expiresAt <= now || this.store.isExpired(kept.snapshot.rv)) this.kept.delete(id);
		}
		for (const id of this.kept.keys()) {
			if (this.kept.size <= this.maxKept) break;
			this.kept.delete(id);
		}
	}

	/** Today's view with the history's changes of `kind` after `rv` undone, newest first. */
	private rewind(kind: Kind, rv: number): Snapshot | undefined {
		const since = this.store.since(kind, rv);
		if (since.expired) return undefined;
		const now = this.current(kind);
		if (since.changes.length === 0) return {rv, keys: now.keys, objects: now.objects};
		const keys = [...now.keys];
		const objects = [...now.objects];
		for (let i = since.changes.length - 1; i >= 0; i--) {
			const change = since.changes[i]!;
			apply(keys, objects, storageKey(change.object), change.type === 'ADDED' ? undefined : change.previous);
		}
		return {rv, keys, objects};
	}

	private onChange(change: Change): void {
		const index = this.live.get(change.kind);
		if (!index) return;
		if (index.shared) {
			index.keys = [...index.keys];
			index.objects = [...index.objects];
			index.shared = false;
		}
		index.view = undefined;
		apply(index.keys, index.objects, storageKey(change.object), change.type === 'DELETED' ? undefined : change.object);
	}
}

const registry = new WeakMap<ClusterStore, ListSnapshots>();

/** The store's snapshots (created, and subscribed to the store, on first use). */
export function snapshotsOf(store: ClusterStore): ListSnapshots {
	let snapshots = registry.get(store);
	if (!snapshots) {
		snapshots = new ListSnapshots(store);
		registry.set(store, snapshots);
	}
	return snapshots;
}
