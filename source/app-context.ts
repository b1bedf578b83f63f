// What the root gives every view: the cluster session, navigation between screens, and a flash
// line for short messages. Views never create sessions or talk HTTP themselves.
import {createContext, useContext} from 'react';
import type {ClusterSession} from './kube/types.js';
import type {PodHistoryStore} from './model/instance-history.js';
import {DEFAULT_CONFIG, type DiagnosisConfig} from './model/verdict.js';
import type {WorkloadKind} from './model/workloads/types.js';

export type ScreenName = 'pods' | 'causes' | 'pod' | 'describe' | 'logs' | 'checklist' | 'help' | 'workloads' | 'workload';

export type Route =
	/** cause: only the pods of this cause group (its id), from the cause list. */
	| {view: 'pods'; cause?: string}
	| {view: 'causes'}
	| {view: 'pod'; namespace: string; name: string}
	| {view: 'describe'; namespace: string; name: string; format: 'describe' | 'yaml'}
	| {view: 'logs'; namespace: string; name: string; container?: string; previous?: boolean}
	| {view: 'checklist'; namespace: string; name: string}
	/** Help for the screen `of`. */
	| {view: 'help'; of: ScreenName}
	/** `:deploy`, `:sts`, `:ds`, `:jobs`, `:workloads` (all). */
	| {view: 'workloads'; kind: WorkloadKind | 'all'}
	| {view: 'workload'; kind: WorkloadKind; namespace: string; name: string};

export type FlashLevel = 'info' | 'warn' | 'error';

export interface Navigation {
	route: Route;
	/** Open a screen on top of the current one (Esc returns). */
	push(route: Route): void;
	/** Back to the previous screen; on the first screen, does nothing. */
	back(): void;
	/** Screens on the stack (1 on the pod table). */
	depth: number;
	quit(): void;
	/** A short message; `path` (a file written) is shown whole, on a line of its own if needed. */
	flash(message: string, level?: FlashLevel, path?: string): void;
}

export const NavigationContext = createContext<Navigation | undefined>(undefined);
export const SessionContext = createContext<ClusterSession | undefined>(undefined);
/** Container instances seen since the session opened, per pod (the timeline's known runs). */
export const PodHistoryContext = createContext<PodHistoryStore | undefined>(undefined);

/** The run configuration every diagnosis reads (`--stuck-after` …): one place, not props threaded by hand. */
export const DiagnosisConfigContext = createContext<DiagnosisConfig>(DEFAULT_CONFIG);

export function useDiagnosisConfig(): DiagnosisConfig {
	return useContext(DiagnosisConfigContext);
}

export function useNavigation(): Navigation {
	const navigation = useContext(NavigationContext);
	if (!navigation) throw new Error('useNavigation outside <App>');
	return navigation;
}

export function useSession(): ClusterSession {
	const session = useContext(SessionContext);
	if (!session) throw new Error('useSession outside <App>');
	return session;
}

/** Every view gets the space it may draw in and whether it owns the keyboard right now. */
export interface ViewProps {
	width: number;
	/** Rows for the view, below the root's header and above its command/flash line. */
	height: number;
	/** False while the root's `:` command prompt is open: the view must ignore keys. */
	isActive: boolean;
}
