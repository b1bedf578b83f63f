// The live driver of the facts plan (model/facts.ts) for the drill-down, the checklist and the
// export: the pod and its events (live watches), a clock for ages and retry countdowns, the
// planned log tails (running ones re-read now and then), Service lookups, the owner's template and
// the runs seen since initk9 started. The diagnosis itself stays pure (model/).
import {useContext, useEffect, useMemo, useRef, useState} from 'react';
import {PodHistoryContext, useSession} from '../app-context.js';
import {lookUpClaim, lookUpService, ownerTemplate, readLogTail} from '../facts/read.js';
import type {PodTemplateSource} from '../model/bisect.js';
import {claimReads, FACTS_REFRESH_MS, logReads, ownEvents, serviceReads, type PodFacts} from '../model/facts.js';
import type {ContainerLog, ServiceLookup} from '../model/findings/index.js';
import {initSequence} from '../model/init-sequence.js';
import {observePod, type PodHistory} from '../model/instance-history.js';
import type {Pod} from '../model/k8s-types.js';
import {usePodEventsWatch, useWatchedPod} from './useLogStream.js';
import {targetKey, useLookups} from './useLookups.js';

export interface PodDetails extends Omit<PodFacts, 'pod'> {
	/** The pod, or the last one seen when it was deleted. */
	pod: Pod | undefined;
	/** The first list arrived. */
	synced: boolean;
	/** The pod was seen, then disappeared. */
	deleted: boolean;
	/** Every read the facts plan asked for has answered once (events listed, logs, lookups, owner). */
	complete: boolean;
	logs: Record<string, ContainerLog>;
	services: Record<string, ServiceLookup>;
}

function useClock(intervalMs = 1000): number {
	const [now, setNow] = useState(() => Date.now());
	useEffect(() => {
		const timer = setInterval(() => setNow(Date.now()), intervalMs);
		return () => clearInterval(timer);
	}, [intervalMs]);
	return now;
}

/** The facts of a loaded pod, in the shape the model takes; undefined until the pod is there. */
export function podFacts(details: PodDetails): PodFacts | undefined {
	const {pod, synced: _synced, deleted: _deleted, complete: _complete, ...rest} = details;
	return pod ? {pod, ...rest} : undefined;
}

export function usePodDetails(namespace: string, name: string): PodDetails {
	const session = useSession();
	const watched = useWatchedPod(namespace, name);
	const {events: allEvents, synced: eventsSynced} = usePodEventsWatch(namespace, name);
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
	const events = useMemo(() => ownEvents(allEvents, uid), [allEvents, uid]);

	// What to read: recomputed from the pod; the keys change only when there is something new.
	const sequence = useMemo(() => (pod ? initSequence(pod, Date.now()) : undefined), [pod]);
	const reads = useMemo(() => (sequence && !deleted ? logReads(sequence) : []), [sequence, deleted]);
	const readsKey = reads.map(read => read.key).join('|');
	const targets = useMemo(() => (pod && sequence && !deleted ? serviceReads(pod, sequence) : []), [pod, sequence, deleted]);

	const [logs, setLogs] = useState<Record<string, ContainerLog>>({});
	// The lines last read, kept when a re-read fails.
	const logsRef = useRef(logs);
	logsRef.current = logs;
	useEffect(() => {
		let alive = true;
		const readAll = () => {
			for (const read of reads) {
				readLogTail(session, namespace, name, read, logsRef.current[read.container]?.lines).then(log => alive && setLogs(current => ({...current, [read.container]: log})));
			}
		};
		readAll();
		// Running containers keep writing: re-read those now and then.
		const timer = reads.some(read => read.running) ? setInterval(readAll, FACTS_REFRESH_MS) : undefined;
		return () => {
			alive = false;
			if (timer) clearInterval(timer);
		};
		// readsKey stands for reads.
		// eslint-disable-next-line react-hooks/exhaustive-deps
	}, [session, namespace, name, readsKey]);

	const services = useLookups(targets, target => lookUpService(session, target), [session]);
	// Issue 18: the pod's PVCs (and StorageClasses) while no container was created.
	const claimTargets = useMemo(() => (pod && !deleted ? claimReads(pod) : []), [pod, deleted]);
	const claims = useLookups(claimTargets, target => lookUpClaim(session, target), [session]);

	// The owner's template (for the bisect manifests) depends on the spec and the owner, not on status updates.
	const [owner, setOwner] = useState<{uid: string | undefined; template?: PodTemplateSource}>({uid: undefined});
	useEffect(() => {
		if (!pod) return;
		let alive = true;
		ownerTemplate(session, pod).then(found => alive && setOwner({uid, ...(found ? {template: found} : {})}), () => alive && setOwner({uid}));
		return () => {
			alive = false;
		};
		// eslint-disable-next-line react-hooks/exhaustive-deps
	}, [session, uid]);

	const complete = pod !== undefined && eventsSynced && owner.uid === uid && reads.every(read => read.container in logs) && targets.every(target => targetKey(target) in services) && claimTargets.every(target => targetKey(target) in claims);
	return {pod, synced: watched.synced, deleted, complete, events, now, logs, services, ...(claimTargets.length > 0 ? {claims} : {}), ...(owner.template ? {owner: owner.template} : {}), ...(history.current ? {history: history.current} : {})};
}
