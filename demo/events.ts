// Kubelet and scheduler events, deduplicated the way client-go's event recorder does
// (tools/record/events_cache.go): an event identical in source, involved object (fieldPath
// included), type, reason and message to an earlier one updates that Event — count + 1, new
// lastTimestamp, firstTimestamp kept — instead of creating another. The recorder's spam filter
// applies first: per source, object, type, reason and message a burst of 25, then one more
// every 5 minutes (the rest are dropped, as on a real node). Before both, the aggregator
// (EventAggregatorByReasonFunc): once 10 different messages share source, object, type and
// reason within 10 minutes, the next ones become one event `(combined from similar events): …`
// whose count climbs — what a retried FailedCreatePodSandBox (a new sandbox id each time) shows.
import type {KubeEvent, Pod} from '../source/model/k8s-types.js';
import type {ClusterBackend} from './backend.js';
import {nowRfc3339} from './store.js';

export type EventType = 'Normal' | 'Warning';

/** What an event needs of its involved object. */
export interface EventObject {
	metadata: {name: string; namespace?: string; uid?: string; resourceVersion?: string};
}

export interface EventInput {
	/** The involved object: a pod unless `kind` says otherwise. */
	pod: EventObject;
	/** The involved object's kind and apiVersion when not a Pod (`PersistentVolumeClaim`, `v1`). */
	kind?: string;
	apiVersion?: string;
	/** A controller reporting instead of this node's kubelet (`attachdetach-controller`, `persistentvolume-controller`). */
	component?: string;
	type: EventType;
	reason: string;
	message: string;
	/** `spec.initContainers{NAME}` / `spec.containers{NAME}`; absent for pod-level events. */
	fieldPath?: string;
}

type WireEvent = KubeEvent & {reportingInstance?: string; action?: string};

interface Seen {
	name: string;
	count: number;
	firstTimestamp: string;
}

/** client-go EventAggregator defaults: 10 distinct messages within 600 s. */
const AGGREGATE_MAX_EVENTS = 10;
const AGGREGATE_INTERVAL_SECONDS = 600;

/** client-go EventSourceObjectSpamFilter defaults: burst 25, refill 1 per 300 s. */
const SPAM_BURST = 25;
const SPAM_REFILL_SECONDS = 300;

interface Bucket {
	tokens: number;
	/** Wall-clock ms of the last refill. */
	at: number;
}

let lastNano = 0n;
/** `tools/record/util.GenerateEventName`: `<object name>.<hex UnixNano>` (kept strictly increasing). */
export function eventName(objectName: string, at: number = Date.now()): string {
	let nano = BigInt(at) * 1_000_000n + BigInt(Math.floor((performance.now() % 1) * 1_000_000));
	if (nano <= lastNano) nano = lastNano + 1n;
	lastNano = nano;
	return `${objectName}.${nano.toString(16)}`;
}

/** RFC3339 with microseconds, as `eventTime` (a MicroTime) is serialized. */
export function microTime(at: number = Date.now()): string {
	return new Date(at).toISOString().replace(/\.(\d{3})Z$/, '.$1000Z');
}

function involvedObject(pod: EventObject, fieldPath?: string, kind = 'Pod', apiVersion = 'v1'): KubeEvent['involvedObject'] {
	return {
		kind,
		namespace: pod.metadata.namespace,
		name: pod.metadata.name,
		uid: pod.metadata.uid,
		apiVersion,
		...(pod.metadata.resourceVersion ? {resourceVersion: pod.metadata.resourceVersion} : {}),
		...(fieldPath ? {fieldPath} : {}),
	};
}

export class EventRecorder {
	private readonly seen = new Map<string, Seen>();
	/** Writes go out one after another so that Pulled → Created → Started keep their order. */
	private chain: Promise<void> = Promise.resolve();

	private readonly buckets = new Map<string, Bucket>();
	/** Per aggregate key: the distinct messages seen and when the last came (wall-clock ms). */
	private readonly similar = new Map<string, {messages: Set<string>; at: number}>();

	/** `speed`: the kubelet's time compression (the spam filter's refill is compressed too). */
	constructor(private readonly backend: ClusterBackend, private readonly nodeName: string, private readonly speed = 1) {}

	private allowed(key: string): boolean {
		const now = Date.now();
		const bucket = this.buckets.get(key) ?? {tokens: SPAM_BURST, at: now};
		this.buckets.set(key, bucket);
		const refill = ((now - bucket.at) / 1000) * this.speed / SPAM_REFILL_SECONDS;
		if (refill > 0) {
			bucket.tokens = Math.min(SPAM_BURST, bucket.tokens + refill);
			bucket.at = now;
		}
		if (bucket.tokens < 1) return false;
		bucket.tokens--;
		return true;
	}

	/** A kubelet event (`source.component: kubelet`) or a controller's (`component`), deduplicated. */
	record(input: EventInput): Promise<void> {
		const {pod, type, reason, fieldPath, component} = input;
		const host = component ? undefined : this.nodeName;
		const object = [component ?? 'kubelet', host ?? '', pod.metadata.namespace, pod.metadata.name, pod.metadata.uid];
		const aggregated = this.aggregate([...object, type, reason].join('\u0000'), input.message);
		const message = aggregated?.message ?? input.message;
		if (!this.allowed([...object, type, reason, message].join('\u0000'))) return Promise.resolve();
		const key = aggregated?.key ?? [...object, fieldPath ?? '', type, reason, message].join('\u0000');
		const now = nowRfc3339();
		let seen = this.seen.get(key);
		if (seen) {
			seen.count++;
		} else {
			seen = {name: eventName(pod.metadata.name), count: 1, firstTimestamp: now};
			this.seen.set(key, seen);
		}
		const event: WireEvent = {
			apiVersion: 'v1',
			kind: 'Event',
			metadata: {name: seen.name, namespace: pod.metadata.namespace},
			involvedObject: involvedObject(pod, fieldPath, input.kind, input.apiVersion),
			reason,
			message,
			type,
			count: seen.count,
			firstTimestamp: seen.firstTimestamp,
			lastTimestamp: now,
			eventTime: null,
			source: host ? {component: 'kubelet', host} : {component},
			reportingComponent: component ?? 'kubelet',
			reportingInstance: host ?? '',
		};
		return this.write(event);
	}

	/** EventAggregate: the combined message and its dedupe key once too many similar messages came. */
	private aggregate(aggregateKey: string, message: string): {message: string; key: string} | undefined {
		const now = Date.now();
		let group = this.similar.get(aggregateKey);
		if (!group || ((now - group.at) / 1000) * this.speed > AGGREGATE_INTERVAL_SECONDS) group = {messages: new Set(), at: now};
		group.messages.add(message);
		group.at = now;
		this.similar.set(aggregateKey, group);
		if (group.messages.size < AGGREGATE_MAX_EVENTS) return undefined;
		group.messages.delete(group.messages.values().next().value!);
		return {message: `(combined from similar events): ${message}`, key: `aggregate\u0000${aggregateKey}`};
	}

	/**
	 * The scheduler's `Scheduled` event. The scheduler writes through the events.k8s.io API, so
	 * the core/v1 view has `eventTime` and `reportingComponent` but no first/lastTimestamp or count.
	 */
	scheduled(pod: Pod): Promise<void> {
		return this.scheduler(pod, 'Normal', 'Scheduled', `Successfully assigned ${pod.metadata.namespace}/${pod.metadata.name} to ${this.nodeName}`);
	}

	/** The scheduler's `FailedScheduling` (schedule_one.go handleSchedulingFailure), written the same way. */
	failedScheduling(pod: Pod, message: string): Promise<void> {
		return this.scheduler(pod, 'Warning', 'FailedScheduling', message);
	}

	private scheduler(pod: Pod, type: EventType, reason: string, message: string): Promise<void> {
		const event: WireEvent = {
			apiVersion: 'v1',
			kind: 'Event',
			metadata: {name: eventName(pod.metadata.name), namespace: pod.metadata.namespace},
			involvedObject: involvedObject(pod),
			reason,
			message,
			type,
			firstTimestamp: null,
			lastTimestamp: null,
			eventTime: microTime(),
			source: {},
			action: reason === 'Scheduled' ? 'Binding' : 'Scheduling',
			reportingComponent: 'default-scheduler',
			reportingInstance: `default-scheduler-${this.nodeName}`,
		};
		return this.write(event);
	}

	private write(event: KubeEvent): Promise<void> {
		this.chain = this.chain.then(() => this.backend.upsertEvent(event)).catch(() => undefined);
		return this.chain;
	}

	/** Forgets the dedupe entries of a pod that is gone (its uid will not come back). */
	forget(uid: string | undefined): void {
		if (!uid) return;
		for (const map of [this.seen, this.buckets, this.similar]) {
			for (const key of map.keys()) if (key.includes(`\u0000${uid}\u0000`)) map.delete(key);
		}
	}
}
