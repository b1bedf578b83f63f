// The walkthrough's state: the checklist built from the drill-down's live facts, the answers
// (loaded from and saved to the state directory by pod uid), the current step, and the bisect
// plan from the owning controller's template when there is one.
import {useEffect, useMemo, useRef, useState} from 'react';
import {useDiagnosisConfig, useSession} from '../app-context.js';
import {bisectPlan} from '../model/bisect.js';
import {appLogLines} from '../model/facts.js';
import {buildChecklist, type Checklist, type StepId, type Verdict} from '../model/checklist.js';
import {assembleReport} from '../render/report.js';
import {exportReport, type ExportResult} from '../report/export.js';
import {loadChecklistState, saveChecklistState, type StepAnswer} from '../storage/checklist-state.js';
import {podFacts, usePodDetails, type PodDetails} from './usePodDetails.js';

export interface ChecklistState {
	details: PodDetails;
	checklist: Checklist | undefined;
	answers: Partial<Record<StepId, StepAnswer>>;
	current: number;
	/** Moves by `delta` steps from the latest position (safe within a burst of keys). */
	move(delta: number): void;
	mark(verdict: Verdict | undefined): void;
	setNote(note: string): void;
	exportAll(): ExportResult;
}

export function useChecklist(namespace: string, name: string): ChecklistState {
	const session = useSession();
	const config = useDiagnosisConfig();
	const details = usePodDetails(namespace, name);
	const {pod} = details;
	const uid = pod?.metadata.uid;

	const plan = useMemo(() => (pod ? bisectPlan(pod, details.owner ? {owner: details.owner} : {}) : undefined), [pod, details.owner]);
	const checklist = useMemo(() => (pod ? buildChecklist({pod, events: details.events, appLogs: appLogLines({pod, logs: details.logs}), bisect: plan}) : undefined), [pod, details.events, details.logs, plan]);

	// Answers and position live in a ref as well as in state: keys typed in one burst (`o` then
	// `n`) each see the previous key's change before React re-renders.
	const [view, setView] = useState<{answers: Partial<Record<StepId, StepAnswer>>; current: number}>({answers: {}, current: 0});
	const latest = useRef(view);
	const commit = (next: typeof view) => {
		latest.current = next;
		setView(next);
		if (uid) saveChecklistState({podUid: uid, pod: `${namespace}/${name}`, answers: next.answers, current: next.current, updatedAt: ''});
	};
	useEffect(() => {
		if (!uid) return;
		const saved = loadChecklistState(uid);
		const restored = {answers: saved?.answers ?? {}, current: saved?.current ?? 0};
		latest.current = restored;
		setView(restored);
	}, [uid]);

	const stepCount = checklist?.steps.length ?? 0;
	const clamp = (index: number) => Math.min(Math.max(0, index), Math.max(0, stepCount - 1));
	const update = (change: (answer: StepAnswer) => StepAnswer) => {
		const {answers, current} = latest.current;
		const stepId = checklist?.steps[clamp(current)]?.id;
		if (!stepId) return;
		commit({answers: {...answers, [stepId]: change(answers[stepId] ?? {})}, current});
	};
	const {answers} = view;
	const at = clamp(view.current);

	return {
		details,
		checklist,
		answers,
		current: at,
		move(delta) {
			commit({answers: latest.current.answers, current: clamp(clamp(latest.current.current) + delta)});
		},
		mark: verdict => update(answer => ({...answer, verdict})),
		setNote: note => update(answer => ({...answer, note: note.trim() || undefined})),
		exportAll() {
			const facts = podFacts(details);
			if (!facts) throw new Error('the pod is not loaded yet');
			const report = assembleReport({...facts, now: Date.now()}, {context: session.context, answers, config});
			return exportReport(report);
		},
	};
}
