// The root: one cluster session, a stack of screens, the header, and the bottom line
// (`:` command prompt, flash message or key hints). Screens draw themselves.
import React, {useCallback, useMemo, useRef, useState} from 'react';
import {Box, useApp, type Key} from 'ink';
import {DiagnosisConfigContext, NavigationContext, PodHistoryContext, SessionContext, type Navigation, type Route} from './app-context.js';
import type {DiagnosisConfig} from './model/verdict.js';
import {PodHistoryStore} from './model/instance-history.js';
import type {ClusterSession} from './kube/types.js';
import {parseCommand} from './hooks/commands.js';
import {reconnectNow} from './kube/reconnect.js';
import {useFlash} from './hooks/useFlash.js';
import {InputCaptureContext} from './hooks/useInputCapture.js';
import {KeyRouterContext, useKeys, type KeyRouter} from './hooks/useKeys.js';
import {useTerminalSize} from './hooks/useTerminalSize.js';
import {CommandBar, editLine} from './ui/CommandBar.js';
import {Flash} from './ui/Flash.js';
import {Header} from './ui/Header.js';
import {KeyHints} from './ui/KeyHints.js';
import {Picker, type PickerItem} from './ui/Picker.js';
import {CausesView, ChecklistView, DescribeView, GLOBAL_KEYS, HelpView, LogsView, PodView, PodsView, VIEW_KEYS, WorkloadsView, WorkloadView} from './views/index.js';
import {KINDS} from './model/workloads/kinds.js';
import {usePodTableFeed, usePodTableStatus} from './hooks/usePodTable.js';

export interface AppProps {
	session: ClusterSession;
	/** Opens a session on another kubeconfig context (`:ctx`). */
	openContext(name: string): Promise<ClusterSession>;
	/** The run configuration (`--stuck-after` …) every diagnosis reads. */
	config: DiagnosisConfig;
}

type PickerState = {kind: 'namespace' | 'context'; items: PickerItem[]; current?: string; loading?: string};

const HEADER_ROWS = 2;
const FOOTER_ROWS = 1;
const NAMESPACE_NAME = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/;

function crumbOf(route: Route): string {
	switch (route.view) {
		case 'pods': return route.cause ? 'pods of cause' : 'pods';
		case 'causes':
		case 'help': return route.view;
		case 'pod': return route.name;
		case 'describe': return `${route.format} ${route.name}`;
		case 'logs': return `${route.previous ? 'previous logs' : 'logs'} ${route.name}${route.container ? `/${route.container}` : ''}`;
		case 'checklist': return `checklist ${route.name}`;
		case 'workloads': return route.kind === 'all' ? 'workloads' : KINDS[route.kind].resource;
		case 'workload': return `${KINDS[route.kind].short} ${route.name}`;
	}
}

export function App({session: firstSession, openContext, config}: AppProps) {
	const {exit} = useApp();
	const {columns, rows} = useTerminalSize();
	const [session, setSession] = useState(firstSession);
	const [namespace, setNamespace] = useState(firstSession.allNamespaces ? undefined : firstSession.namespace);
	const [stack, setStack] = useState<Route[]>([{view: 'pods'}]);
	const [command, setCommandState] = useState<string>();
	// The prompt's text as of the last key, ahead of the frame that shows it.
	const commandRef = useRef<string | undefined>(undefined);
	const setCommand = (text: string | undefined) => {
		commandRef.current = text;
		setCommandState(text);
	};
	const viewHandlers = useRef(new Set<(input: string, key: Key) => boolean>());
	const router = useMemo<KeyRouter>(() => ({
		add(handler) {
			viewHandlers.current.add(handler);
			return () => viewHandlers.current.delete(handler);
		},
	}), []);
	const [picker, setPickerState] = useState<PickerState>();
	// Set with the state, read by keys of the same read: `:ns⏎jj⏎` typed at once belongs to the picker.
	const pickerRef = useRef<PickerState | undefined>(undefined);
	const pickerKeys = useRef<Array<[string, Key]>>([]);
	const setPicker = (next: PickerState | undefined) => {
		if (!pickerRef.current && next) pickerKeys.current = [];
		pickerRef.current = next;
		setPickerState(next);
	};
	const [captures, setCaptures] = useState(0);
	// The pod table's data lives here: the header's counts and the table come from one snapshot.
	const histories = useMemo(() => new PodHistoryStore(), [session]);
	const podFeed = usePodTableFeed(session, namespace, config, histories);
	const podsStatus = usePodTableStatus(podFeed);
	const [flash, showFlash] = useFlash();
	const route = stack[stack.length - 1];

	const navigation = useMemo<Navigation>(() => ({
		route,
		push: next => setStack(current => [...current, next]),
		back: () => setStack(current => (current.length > 1 ? current.slice(0, -1) : current)),
		quit: () => exit(),
		flash: showFlash,
	}), [route, exit, showFlash]);
	const adjustCaptures = useCallback((delta: number) => setCaptures(count => count + delta), []);

	const switchContext = useCallback((name: string) => {
		if (name === session.context) return;
		showFlash(`opening context ${name}…`);
		openContext(name).then(next => {
			session.close();
			setSession(next);
			setNamespace(next.allNamespaces ? undefined : next.namespace);
			setStack([{view: 'pods'}]);
			showFlash(`context ${name}`);
		}, (error: Error) => showFlash(`context ${name}: ${error.message}`, 'error'));
	}, [session, openContext, showFlash]);

	const changeNamespace = useCallback((name: string | undefined) => {
		if (name !== undefined && !NAMESPACE_NAME.test(name)) return showFlash(`"${name}" is not a namespace name`, 'error');
		setNamespace(name);
		setStack([{view: 'pods'}]);
	}, [showFlash]);

	const runCommand = (text: string) => {
		const parsed = parseCommand(text);
		switch (parsed.kind) {
			case 'none': return;
			case 'quit': return exit();
			case 'pods': return setStack([{view: 'pods'}]);
			case 'causes': return setStack([{view: 'pods'}, {view: 'causes'}]);
			case 'workloads': return setStack([{view: 'pods'}, {view: 'workloads', kind: parsed.workloads}]);
			case 'help': return navigation.push({view: 'help'});
			case 'namespace': return changeNamespace(parsed.name);
			case 'context': return switchContext(parsed.name);
			case 'error': return showFlash(parsed.message, 'error');
			case 'reconnect': return showFlash(reconnectNow(session), 'info');
			case 'namespace-picker': {
				const opened: PickerState = {kind: 'namespace', current: namespace ?? '', items: [], loading: 'loading namespaces…'};
				setPicker(opened);
				session.listNamespaces().then(
					names => {
						if (pickerRef.current !== opened) return;
						setPicker({...opened, loading: undefined, items: [{label: '(all namespaces)', value: ''}, ...names.map(name => ({label: name, value: name}))]});
					},
					(error: Error) => {
						if (pickerRef.current === opened) setPicker(undefined);
						showFlash(`namespaces: ${error.message}`, 'error');
					},
				);
				return;
			}
			case 'context-picker':
				return setPicker({kind: 'context', current: session.context, items: session.contexts.map(name => ({label: name, value: name}))});
		}
	};

	const keyboardFree = command === undefined && picker === undefined;
	// Every key, one at a time, in order: Ctrl-C, the `:` prompt, the screen, then `:` and `?`.
	useKeys((input, key) => {
		if (key.ctrl && input === 'c') return exit();
		if (commandRef.current !== undefined) {
			const edit = editLine(commandRef.current, input, key);
			setCommand(edit.done ? undefined : edit.value);
			if (edit.done === 'submit') runCommand(edit.value);
			return;
		}
		if (pickerRef.current) {
			// Not on screen yet: its keys wait for it.
			if (!picker) pickerKeys.current.push([input, key]);
			return;
		}
		if (key.ctrl && input === 'r') return showFlash(reconnectNow(session), 'info');
		for (const handler of viewHandlers.current) if (handler(input, key)) return;
		if (captures > 0) return;
		if (input === ':') return setCommand('');
		if (input === '?' && route.view !== 'help') navigation.push({view: 'help'});
	});

	const viewHeight = Math.max(1, rows - 1 - HEADER_ROWS - FOOTER_ROWS);
	const viewProps = {width: columns, height: viewHeight, isActive: keyboardFree};
	const below = stack[stack.length - 2];
	const helpSections = [
		{title: `${below?.view ?? 'pods'} screen`, keys: VIEW_KEYS[below?.view ?? 'pods'] ?? []},
		{title: 'everywhere', keys: GLOBAL_KEYS},
	];

	let screen: React.ReactNode = null;
	if (picker) {
		screen = (
			<Picker
				title={picker.kind === 'namespace' ? 'Namespace' : 'Context'}
				items={picker.items}
				initialValue={picker.current}
				loading={picker.loading}
				pendingKeys={pickerKeys.current}
				onSelect={value => {
					setPicker(undefined);
					if (picker.kind === 'namespace') changeNamespace(value || undefined);
					else switchContext(value);
				}}
				onCancel={() => setPicker(undefined)}
				isActive
				height={viewHeight}
				width={columns}
			/>
		);
	} else if (route.view === 'pod') screen = <PodView {...viewProps} namespace={route.namespace} name={route.name} />;
	else if (route.view === 'describe') screen = <DescribeView {...viewProps} namespace={route.namespace} name={route.name} format={route.format} />;
	else if (route.view === 'logs') screen = <LogsView {...viewProps} namespace={route.namespace} name={route.name} container={route.container} previous={route.previous} />;
	else if (route.view === 'checklist') screen = <ChecklistView {...viewProps} namespace={route.namespace} name={route.name} />;
	else if (route.view === 'workloads') screen = <WorkloadsView key={`${route.kind}:${namespace ?? ''}`} {...viewProps} kind={route.kind} namespace={namespace} pods={podFeed.watch} />;
	else if (route.view === 'workload') screen = <WorkloadView key={`${route.kind}:${route.namespace}/${route.name}`} {...viewProps} kind={route.kind} namespace={route.namespace} name={route.name} pods={podFeed.watch} />;
	else if (route.view === 'help') screen = <HelpView {...viewProps} sections={helpSections} />;

	let footer: React.ReactNode;
	if (command !== undefined) {
		footer = <CommandBar prompt=":" value={command} width={columns} placeholder="ns [NAME] · ctx [NAME] · pods · causes · deploy · sts · ds · jobs · workloads · reconnect · help · q" />;
	} else if (flash) {
		footer = <Flash message={flash.message} level={flash.level} width={columns} />;
	} else {
		footer = <KeyHints hints={[...(VIEW_KEYS[route.view] ?? []), ...GLOBAL_KEYS].filter(hint => hint.hint)} width={columns} />;
	}

	return (
		<DiagnosisConfigContext.Provider value={config}>
		<SessionContext.Provider value={session}>
			<PodHistoryContext.Provider value={histories}>
				<NavigationContext.Provider value={navigation}>
					<InputCaptureContext.Provider value={adjustCaptures}>
						<KeyRouterContext.Provider value={router}>
							<Box flexDirection="column" width={columns} height={rows - 1} overflow="hidden">
								<Header
									context={session.context}
									cluster={session.cluster}
									namespace={namespace ?? 'all'}
									connection={podsStatus.connection}
									counts={podsStatus.counts}
									crumbs={stack.map(crumbOf)}
									width={columns}
									now={Date.now()}
								/>
								<Box height={viewHeight} flexDirection="column" overflow="hidden">
									<PodsView
										key={session.context}
										{...viewProps}
										isActive={keyboardFree && route.view === 'pods'}
										hidden={route.view !== 'pods' || picker !== undefined}
										namespace={namespace}
										feed={podFeed}
										cause={route.view === 'pods' ? route.cause : undefined}
										onNamespace={changeNamespace}
									/>
									{stack.some(entry => entry.view === 'causes') ? (
										<CausesView
											{...viewProps}
											isActive={keyboardFree && route.view === 'causes'}
											hidden={route.view !== 'causes' || picker !== undefined}
											namespace={namespace}
											feed={podFeed}
										/>
									) : null}
									{screen}
								</Box>
								<Box height={FOOTER_ROWS}>{footer}</Box>
							</Box>
						</KeyRouterContext.Provider>
					</InputCaptureContext.Provider>
				</NavigationContext.Provider>
			</PodHistoryContext.Provider>
		</SessionContext.Provider>
		</DiagnosisConfigContext.Provider>
	);
}
