// The root: one cluster session, a stack of screens (drawn from the registry in views/screens),
// the header, and the bottom line (`:` command prompt, flash message or key hints).
import React, {useCallback, useMemo, useRef, useState} from 'react';
import {Box, useApp} from 'ink';
import {DiagnosisConfigContext, NavigationContext, PodHistoryContext, SessionContext, type Navigation, type Route} from './app-context.js';
import type {DiagnosisConfig} from './model/verdict.js';
import {PodHistoryStore} from './model/instance-history.js';
import type {ClusterSession} from './kube/types.js';
import {parseCommand} from './hooks/commands.js';
import {reconnectNow} from './kube/reconnect.js';
import {useFlash} from './hooks/useFlash.js';
import {useTerminalSize} from './hooks/useTerminalSize.js';
import {usePodTableFeed, usePodTableStatus} from './hooks/usePodTable.js';
import {InputProvider} from './input/InputProvider.js';
import {usePrompt} from './input/usePrompt.js';
import {useScreenActions} from './input/useScreenActions.js';
import {Flash, flashLines} from './ui/Flash.js';
import {Header} from './ui/Header.js';
import {KeyHints, type KeyHint} from './ui/KeyHints.js';
import {Picker, type PickerItem} from './ui/Picker.js';
import {Prompt} from './ui/Prompt.js';
import {CausesView, GLOBAL_ACTIONS, PodsView, screenOf, viewOfCommand} from './views/index.js';

export interface AppProps {
	session: ClusterSession;
	/** Opens a session on another kubeconfig context (`:ctx`). */
	openContext(name: string): Promise<ClusterSession>;
	/** The run configuration (`--stuck-after` …) every diagnosis reads. */
	config: DiagnosisConfig;
}

type PickerState = {kind: 'namespace' | 'context'; items: PickerItem[]; current?: string; loading?: string};

const HEADER_ROWS = 2;
const NAMESPACE_NAME = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/;

export function App(props: AppProps) {
	const {exit} = useApp();
	return (
		<InputProvider onInterrupt={exit}>
			<Shell {...props} />
		</InputProvider>
	);
}

function Shell({session: firstSession, openContext, config}: AppProps) {
	const {exit} = useApp();
	const {columns, rows} = useTerminalSize();
	const [session, setSession] = useState(firstSession);
	const [namespace, setNamespace] = useState(firstSession.allNamespaces ? undefined : firstSession.namespace);
	const [stack, setStack] = useState<Route[]>([{view: 'pods'}]);
	const [picker, setPickerState] = useState<PickerState>();
	const pickerRef = useRef<PickerState | undefined>(undefined);
	const setPicker = (next: PickerState | undefined) => {
		pickerRef.current = next;
		setPickerState(next);
	};
	// The pod table's data lives here: the header's counts and the table come from one snapshot.
	// A new store per session: the instances seen belong to one cluster.
	// eslint-disable-next-line react-hooks/exhaustive-deps
	const histories = useMemo(() => new PodHistoryStore(), [session]);
	const podFeed = usePodTableFeed(session, namespace, config, histories);
	const podsStatus = usePodTableStatus(podFeed);
	const [flash, showFlash] = useFlash();
	const route = stack[stack.length - 1]!;

	const navigation = useMemo<Navigation>(() => ({
		route,
		depth: stack.length,
		push: next => setStack(current => [...current, next]),
		back: () => setStack(current => (current.length > 1 ? current.slice(0, -1) : current)),
		quit: () => exit(),
		flash: showFlash,
	}), [route, stack.length, exit, showFlash]);

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

	const reconnect = () => showFlash(reconnectNow(session), 'info');
	const openHelp = () => navigation.push({view: 'help', of: route.view === 'help' ? route.of : route.view});

	const runCommand = (text: string) => {
		const parsed = parseCommand(text, viewOfCommand);
		switch (parsed.kind) {
			case 'none': return;
			case 'quit': return exit();
			case 'screen':
				if (parsed.view === 'help') return openHelp();
				if (parsed.view === 'causes') return setStack([{view: 'pods'}, {view: 'causes'}]);
				return setStack([{view: 'pods'}]);
			case 'workloads': return setStack([{view: 'pods'}, {view: 'workloads', kind: parsed.workloads}]);
			case 'reconnect': return reconnect();
			case 'namespace': return changeNamespace(parsed.name);
			case 'context': return switchContext(parsed.name);
			case 'error': return showFlash(parsed.message, 'error');
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
	const command = usePrompt({onSubmit: runCommand});

	const keyboardFree = command.line === undefined && picker === undefined;
	useScreenActions(GLOBAL_ACTIONS, {
		command: () => command.open(),
		help: () => (route.view === 'help' ? navigation.back() : openHelp()),
		back: () => (stack.length > 1 ? navigation.back() : false),
		quit: () => (stack.length > 1 ? navigation.back() : exit()),
		reconnect,
		interrupt: () => exit(),
	}, picker === undefined, 'global');

	const flashText = flash ? flashLines(flash.message, flash.level, flash.path, columns) : undefined;
	const footerRows = command.line === undefined && flashText ? flashText.length : 1;
	const viewHeight = Math.max(1, rows - 1 - HEADER_ROWS - footerRows);
	const viewProps = {width: columns, height: viewHeight, isActive: keyboardFree};
	const entry = screenOf(route);

	let screen: React.ReactNode = null;
	if (picker) {
		screen = (
			<Picker
				title={picker.kind === 'namespace' ? 'Namespace' : 'Context'}
				items={picker.items}
				initialValue={picker.current}
				loading={picker.loading}
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
	} else {
		// Keyed by depth: a screen opened again starts fresh (no search carried from describe to YAML).
		screen = <React.Fragment key={`${stack.length}:${route.view}`}>{entry.render?.(route, viewProps, {namespace, pods: podFeed.watch})}</React.Fragment>;
	}

	let footer: React.ReactNode;
	if (command.line !== undefined) {
		footer = <Prompt prompt=":" line={command.line} width={columns} placeholder="ns [NAME] · ctx [NAME] · pods · causes · deploy · sts · ds · jobs · workloads · reconnect · help · q" />;
	} else if (flash && flashText) {
		footer = <Flash lines={flashText} level={flash.level} />;
	} else {
		const hints: KeyHint[] = Object.values(entry.keys.actions).flatMap(spec => (spec.hint ? [{keys: spec.keys[0]!, action: spec.hint}] : []));
		const always: KeyHint[] = [{keys: '?', action: route.view === 'help' ? 'close' : 'help'}, stack.length > 1 ? {keys: 'Esc', action: 'back'} : {keys: 'q', action: 'quit'}];
		footer = <KeyHints hints={hints} always={always} width={columns} />;
	}

	return (
		<DiagnosisConfigContext.Provider value={config}>
		<SessionContext.Provider value={session}>
			<PodHistoryContext.Provider value={histories}>
				<NavigationContext.Provider value={navigation}>
					<Box flexDirection="column" width={columns} height={rows - 1} overflow="hidden">
						<Header
							context={session.context}
							cluster={session.cluster}
							namespace={namespace ?? 'all'}
							connection={podsStatus.connection}
							counts={podsStatus.counts}
							crumbs={stack.map(each => screenOf(each).crumb(each))}
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
							{stack.some(each => each.view === 'causes') ? (
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
						<Box height={footerRows} flexDirection="column">{footer}</Box>
					</Box>
				</NavigationContext.Provider>
			</PodHistoryContext.Provider>
		</SessionContext.Provider>
		</DiagnosisConfigContext.Provider>
	);
}
