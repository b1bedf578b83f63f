// The screen registry: per route, its breadcrumb, keys, `:` commands and how it is drawn. A new
// screen is one entry here (and its key table in key-tables.ts), not edits to the root.
import React from 'react';
import type {Route, ScreenName, ViewProps} from '../app-context.js';
import {ChecklistView} from './ChecklistView.js';
import {DescribeView} from './DescribeView.js';
import {HelpView} from './HelpView.js';
import {KEY_TABLES, type KeyTable} from './key-tables.js';
import {LogsView} from './LogsView.js';
import {PodView} from './PodView.js';
import {WorkloadsView} from './WorkloadsView.js';
import {WorkloadView} from './WorkloadView.js';
import {KINDS} from '../model/workloads/kinds.js';
import type {ResourceWatch} from '../kube/types.js';
import type {Pod} from '../model/k8s-types.js';

/** What the root shares with the screens it draws besides their size. */
export interface ShellState {
	/** undefined = all namespaces. */
	namespace: string | undefined;
	/** The root's pod watch for the namespace. */
	pods: ResourceWatch<Pod>;
}

export interface ScreenEntry<R extends Route> {
	/** Where the user is, in the header's breadcrumb. */
	crumb(route: R): string;
	keys: KeyTable;
	/** The screen for the route; none for the pod table and the cause list, which the root keeps mounted underneath. */
	render?(route: R, props: ViewProps, shell: ShellState): React.ReactNode;
}

type Registry = {readonly [V in ScreenName]: ScreenEntry<Extract<Route, {view: V}>>};

export const SCREENS: Registry = {
	pods: {crumb: route => (route.cause ? 'pods of cause' : 'pods'), keys: KEY_TABLES.pods},
	causes: {crumb: () => 'causes', keys: KEY_TABLES.causes},
	pod: {
		crumb: route => route.name,
		keys: KEY_TABLES.pod,
		render: (route, props) => <PodView {...props} namespace={route.namespace} name={route.name} />,
	},
	describe: {
		crumb: route => `${route.format} ${route.name}`,
		keys: KEY_TABLES.describe,
		render: (route, props) => <DescribeView {...props} namespace={route.namespace} name={route.name} format={route.format} />,
	},
	logs: {
		crumb: route => `${route.previous ? 'previous logs' : 'logs'} ${route.name}${route.container ? `/${route.container}` : ''}`,
		keys: KEY_TABLES.logs,
		render: (route, props) => <LogsView {...props} namespace={route.namespace} name={route.name} container={route.container} previous={route.previous} />,
	},
	checklist: {
		crumb: route => `checklist ${route.name}`,
		keys: KEY_TABLES.checklist,
		render: (route, props) => <ChecklistView {...props} namespace={route.namespace} name={route.name} />,
	},
	workloads: {
		crumb: route => (route.kind === 'all' ? 'workloads' : KINDS[route.kind].resource),
		keys: KEY_TABLES.workloads,
		render: (route, props, shell) => <WorkloadsView key={`${route.kind}:${shell.namespace ?? ''}`} {...props} kind={route.kind} namespace={shell.namespace} pods={shell.pods} />,
	},
	workload: {
		crumb: route => `${KINDS[route.kind].short} ${route.name}`,
		keys: KEY_TABLES.workload,
		render: (route, props, shell) => <WorkloadView key={`${route.kind}:${route.namespace}/${route.name}`} {...props} kind={route.kind} namespace={route.namespace} name={route.name} pods={shell.pods} />,
	},
	help: {
		crumb: () => 'help',
		keys: KEY_TABLES.help,
		render: (route, props) => <HelpView {...props} of={route.of} />,
	},
};

/** The registry entry of a route, typed for that route. */
export function screenOf<R extends Route>(route: R): ScreenEntry<R> {
	return SCREENS[route.view] as unknown as ScreenEntry<R>;
}
