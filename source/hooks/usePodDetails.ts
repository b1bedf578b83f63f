// The drill-down's facts: the pod and its events (live watches), a clock for ages and retry
// countdowns, the last lines of failed container instances, and read-only lookups of the
// Services that running init containers wait for. The findings themselves stay pure (model/).
import {useContext, useEffect, useMemo, useRef, useState} from 'react';
import {PodHistoryContext, useSession} from '../app-context.js';
import {logRequests, serviceLookup, servicesToLookUp, type ContainerLog, type ServiceLookup} from '../model/findings/index.js';
import {initSequence} from '../model/init-sequence.js';
import {observePod, type PodHistory} from '../model/instance-history.js';
import type {KubeEvent, Pod} from '../model/k8s-types.js';
import {usePodEvents, useWatchedPod} from './useLogStream.js';

/** How many lines of a failed instance the findings quote. */
export const FINDING_LOG_LINES = 5;
/** How many lines of a running init container are read to see whether its log repeats. */
export const RUNNING_LOG_LINES = 20;
/** Running logs (dependency waits) and Service lookups are re-read this often. */
export const FACTS_REFRESH_MS = 3000;

export interface PodDetails {
	/** The pod, or the last one seen when it was deleted. */
	pod: Pod | undefined;
	/** The first list arrived. */
	synced: boolean;
	/** The pod was seen, then disappeared. */
	deleted: boolean;
	/** This pod's events (other incarnations with the same name left out). */
	events: readonly KubeEvent[];
	/** Ticks every second: ages and countdowns move. */
	now: number;
	logs: Record<string, ContainerLog>;
	services: Record<string, ServiceLookup>;
	/** Container instances seen since the view opened (earlier restarts than the API keeps). */
	history: PodHistory | undefined;
}

function useClock(intervalMs = 1000): number {
	const [now, setNow] = useState(() => Date.now());
	useEffect(() => {
		const timer = setInterval(() => setNow(Date.now()), intervalMs);
		return () => clearInterval(timer);
	}, [intervalMs]);
	return now;
}

function message(error: unknown): string {
	return error instanceof Error ? error.message : String(error);
}

export function usePodDetails(namespace: string, name: string): PodDetails {
	const session = useSession();
	const watched = useWatchedPod(namespace, name);
	const allEvents = usePodEvents(namespace, name);
	const now = useClock();
	const last = useRef<Pod | undefined>(undefined);
	if (watched.pod) last.current = watched.pod;
	const pod = watched.pod ?? last.current;
	const deleted = watched.synced && !watched.pod && last.current !== undefined;
	// The session's store has what the pod table saw before this screen opened.
	const histories = useContext(PodHistoryContext);
	const history = useRef<PodHistory | undefined>(undefined);
	const observed = useRef<Pod | undefined>(undefined);
	if (watched.pod && watched.pod !== observed.current) {
		observed.current = watched.pod;
		history.current = histories ? histories.observe(watched.pod, Date.now()) : observePod(history.current, watched.pod, Date.now());
	}
	const uid = pod?.metadata.uid;
	const events = useMemo(() => allEvents.filter(event => !uid || !event.involvedObject.uid || event.involvedObject.uid === uid), [allEvents, uid]);

	// What to read: recomputed from the pod; the keys change only when there is something new.
	const sequence = useMemo(() => (pod ? initSequence(pod, Date.now()) : undefined), [pod]);
	const requests = useMemo(() => (sequence && !deleted ? logRequests(sequence) : []), [sequence, deleted]);
	const requestsKey = requests.map(request => request.key).join('|');
	const targets = useMemo(() => (pod && sequence && !deleted ? servicesToLookUp({pod, sequence}) : []), [pod, sequence, deleted]);
	const targetsKey = targets.map(target => `${target.namespace}/${target.name}`).join('|');

	const [logs, setLogs] = useState<Record<string, ContainerLog>>({});
	useEffect(() => {
		let alive = true;
		const read = () => {
			for (const request of requests) {
				const tailLines = request.key.includes(':running:') ? RUNNING_LOG_LINES : FINDING_LOG_LINES;
				session.readLog({namespace, pod: name, container: request.container, previous: request.previous, tailLines, follow: false}).then(
					lines => alive && setLogs(current => ({...current, [request.container]: {lines, previous: request.previous}})),
					error => alive && setLogs(current => ({...current, [request.container]: {lines: current[request.container]?.lines ?? [], previous: request.previous, error: message(error)}})),
				);
			}
		};
		read();
		// Running containers keep writing: re-read those now and then.
		const running = requests.some(request => request.key.includes(':running:'));
		const timer = running ? setInterval(read, FACTS_REFRESH_MS) : undefined;
		return () => {
			alive = false;
			if (timer) clearInterval(timer);
		};
		// requestsKey stands for requests.
		// eslint-disable-next-line react-hooks/exhaustive-deps
	}, [session, namespace, name, requestsKey]);

	const [services, setServices] = useState<Record<string, ServiceLookup>>({});
	useEffect(() => {
		if (targets.length === 0) return;
		let alive = true;
		const lookUp = () => {
			for (const target of targets) {
				const key = `${target.namespace}/${target.name}`;
				Promise.all([session.getService(target.namespace, target.name), session.getEndpoints(target.namespace, target.name)]).then(
					([service, endpoints]) => alive && setServices(current => ({...current, [key]: serviceLookup(service, endpoints)})),
					error => alive && setServices(current => ({...current, [key]: {error: message(error)}})),
				);
			}
		};
		lookUp();
		const timer = setInterval(lookUp, FACTS_REFRESH_MS);
		return () => {
			alive = false;
			clearInterval(timer);
		};
		// targetsKey stands for targets.
		// eslint-disable-next-line react-hooks/exhaustive-deps
	}, [session, targetsKey]);

	return {pod, synced: watched.synced, deleted, events, now, logs, services, history: history.current};
}
