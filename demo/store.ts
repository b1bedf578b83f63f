// The demo cluster's object store: what etcd + the watch cache are to a real API server.
// One global resourceVersion counter, objects per kind keyed by namespace/name, a bounded
// history of changes so watches can resume from a resourceVersion (older → 410 Expired), and
// subscribers notified synchronously on every write.
import {randomUUID} from 'node:crypto';
import {isClusterScoped} from './api/resources.js';

/** A resource name of the registry (demo/api/resources.ts): `pods`, `deployments`, … */
export type Kind = string;

export interface StoredObject {
	metadata: {
		name: string;
		namespace?: string;
		uid?: string;
		resourceVersion?: string;
		creationTimestamp?: string | null;
		deletionTimestamp?: string | null;
		[key: string]: unknown;
	};
	[key: string]: unknown;
}

export type ChangeType = 'ADDED' | 'MODIFIED' | 'DELETED';

export interface Change {
	rv: number;
	kind: Kind;
	type: ChangeType;
	object: StoredObject;
	/** The object as it was before this change (MODIFIED and DELETED); lets watches with selectors see an object stop matching. */
	previous?: StoredObject;
}

export type Subscriber = (change: Change) => void;

export interface ListResult {
	items: StoredObject[];
	resourceVersion: string;
}

export type Since = {expired: false; changes: Change[]} | {expired: true; oldest: number};

const keyOf = (namespace: string | undefined, name: string) => `${namespace ?? ''}/${name}`;

export function nowRfc3339(at: number = Date.now()): string {
	return new Date(Math.floor(at / 1000) * 1000).toISOString().replace('.000Z', 'Z');
}

export class ClusterStore {
	private rv = 1;
	private readonly objects = new Map<Kind, Map<string, StoredObject>>();
	private history: Change[] = [];
	/** Watches may resume from any RV >= this; older ones get 410 Expired. */
	private oldestResumable = 1;
	private readonly subscribers = new Set<Subscriber>();

	constructor(private readonly historyLimit = 20_000) {}

	get resourceVersion(): string {
		return String(this.rv);
	}

	/** The oldest resourceVersion a watch or continue token may still resume from. */
	get oldestResumableVersion(): number {
		return this.oldestResumable - 1;
	}

	/** True when `rv` is older than the history reaches back (a watch from it gets 410 Expired). */
	isExpired(rv: number): boolean {
		return rv < this.oldestResumable - 1;
	}

	list(kind: Kind, namespace?: string): ListResult {
		const items: StoredObject[] = [];
		for (const object of this.bucket(kind).values()) {
			if (namespace === undefined || object.metadata.namespace === namespace) items.push(object);
		}
		return {items, resourceVersion: this.resourceVersion};
	}

	get<T extends StoredObject = StoredObject>(kind: Kind, namespace: string | undefined, name: string): T | undefined {
		return this.bucket(kind).get(keyOf(isClusterScoped(kind) ? undefined : namespace, name)) as T | undefined;
	}

	/** Creates the object (uid, creationTimestamp, resourceVersion filled in) or throws if it exists. */
	create<T extends StoredObject>(kind: Kind, object: T): T {
		const key = keyOf(object.metadata.namespace, object.metadata.name);
		if (this.bucket(kind).has(key)) throw new Error(`${kind} "${object.metadata.name}" already exists`);
		const stored = structuredClone(object);
		stored.metadata.uid ??= randomUUID();
		stored.metadata.creationTimestamp ??= nowRfc3339();
		return this.write(kind, key, stored, 'ADDED') as T;
	}

	/** Replaces an existing object (or creates it): the caller passes the whole new object. */
	put<T extends StoredObject>(kind: Kind, object: T): T {
		const key = keyOf(object.metadata.namespace, object.metadata.name);
		const existing = this.bucket(kind).get(key);
		if (!existing) return this.create(kind, object);
		const stored = structuredClone(object);
		stored.metadata.uid = existing.metadata.uid;
		stored.metadata.creationTimestamp = existing.metadata.creationTimestamp;
		return this.write(kind, key, stored, 'MODIFIED') as T;
	}

	/** Read-modify-write of one object; returns undefined if it does not exist. */
	update<T extends StoredObject>(kind: Kind, namespace: string | undefined, name: string, mutate: (draft: T) => void): T | undefined {
		const key = keyOf(namespace, name);
		const existing = this.bucket(kind).get(key);
		if (!existing) return undefined;
		const draft = structuredClone(existing) as T;
		mutate(draft);
		return this.write(kind, key, draft, 'MODIFIED') as T;
	}

	delete(kind: Kind, namespace: string | undefined, name: string): StoredObject | undefined {
		const key = keyOf(namespace, name);
		const existing = this.bucket(kind).get(key);
		if (!existing) return undefined;
		this.bucket(kind).delete(key);
		const final = structuredClone(existing);
		final.metadata.resourceVersion = String(++this.rv);
		this.record({rv: this.rv, kind, type: 'DELETED', object: final, previous: existing});
		return final;
	}

	/** Changes of `kind` after `rv`, or `expired` if the history no longer reaches back that far. */
	since(kind: Kind, rv: number): Since {
		if (this.isExpired(rv)) return {expired: true, oldest: this.oldestResumable - 1};
		const changes = this.history.filter(change => change.rv > rv && change.kind === kind);
		return {expired: false, changes};
	}

	/** Forgets all history, like an etcd compaction: every older resourceVersion is now too old. */
	compact(): void {
		this.history = [];
		this.oldestResumable = this.rv + 1;
	}

	subscribe(subscriber: Subscriber): () => void {
		this.subscribers.add(subscriber);
		return () => this.subscribers.delete(subscriber);
	}

	private write(kind: Kind, key: string, object: StoredObject, type: ChangeType): StoredObject {
		const previous = this.bucket(kind).get(key);
		object.metadata.resourceVersion = String(++this.rv);
		this.bucket(kind).set(key, object);
		this.record(previous ? {rv: this.rv, kind, type, object, previous} : {rv: this.rv, kind, type, object});
		return object;
	}

	private record(change: Change): void {
		this.history.push(change);
		if (this.history.length > this.historyLimit) {
			const dropped = this.history.splice(0, this.history.length - this.historyLimit);
			this.oldestResumable = dropped[dropped.length - 1]!.rv + 1;
		}
		for (const subscriber of this.subscribers) subscriber(change);
	}

	private bucket(kind: Kind): Map<string, StoredObject> {
		let bucket = this.objects.get(kind);
		if (!bucket) {
			bucket = new Map();
			this.objects.set(kind, bucket);
		}
		return bucket;
	}
}
