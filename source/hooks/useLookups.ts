// Lookups of named objects for the live facts driver (Services, PersistentVolumeClaims): each
// target read at once and again every FACTS_REFRESH_MS while the targets stay the same.
import {useEffect, useState} from 'react';
import {FACTS_REFRESH_MS} from '../model/facts.js';

export interface LookupTarget {
	namespace: string;
	name: string;
}

export const targetKey = (target: LookupTarget) => `${target.namespace}/${target.name}`;

/** Answers keyed by `namespace/name`; a target is absent until its first answer. */
export function useLookups<T>(targets: readonly LookupTarget[], lookUp: (target: LookupTarget) => Promise<T>, deps: readonly unknown[]): Record<string, T> {
	const [answers, setAnswers] = useState<Record<string, T>>({});
	const key = targets.map(targetKey).join('|');
	useEffect(() => {
		if (targets.length === 0) return;
		let alive = true;
		const readAll = () => {
			for (const target of targets) lookUp(target).then(answer => alive && setAnswers(current => ({...current, [targetKey(target)]: answer})));
		};
		readAll();
		const timer = setInterval(readAll, FACTS_REFRESH_MS);
		return () => {
			alive = false;
			clearInterval(timer);
		};
		// key stands for targets; lookUp is read through deps.
		// eslint-disable-next-line react-hooks/exhaustive-deps
	}, [key, ...deps]);
	return answers;
}
