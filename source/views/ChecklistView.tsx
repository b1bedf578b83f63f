// The guided walkthrough of the side-effect checklist: one step at a time with its evidence and
// question; the user marks it, adds notes, and exports a report with the bisect manifests.
import React, {useEffect, useMemo, useState} from 'react';
import {Box, Text} from 'ink';
import {useNavigation, type ViewProps} from '../app-context.js';
import {useChecklist} from '../hooks/useChecklist.js';
import {usePrompt} from '../input/usePrompt.js';
import {useScreenActions} from '../input/useScreenActions.js';
import {Prompt} from '../ui/Prompt.js';
import {color} from '../ui/theme.js';
import {ScreenLines} from './pod/ScreenLines.js';
import {CHECKLIST_ACTIONS} from './checklist/keys.js';
import {stepLines, verdictOf, VERDICT_STYLE} from './checklist/lines.js';

export type ChecklistViewProps = ViewProps & {namespace: string; name: string};

export function ChecklistView({width, height, isActive, namespace, name}: ChecklistViewProps) {
	const navigation = useNavigation();
	const state = useChecklist(namespace, name);
	// The report is made from complete facts: an export asked for earlier waits for them.
	const [exportWanted, setExportWanted] = useState(false);
	const exportNow = () => {
		setExportWanted(false);
		try {
			const result = state.exportAll();
			navigation.flash('exported report.md and bisect/ to', 'info', result.folder);
		} catch (error) {
			navigation.flash(`export failed: ${error instanceof Error ? error.message : String(error)}`, 'error');
		}
	};
	useEffect(() => {
		if (exportWanted && state.details.complete) exportNow();
		// exportNow reads the latest state.
		// eslint-disable-next-line react-hooks/exhaustive-deps
	}, [exportWanted, state.details.complete]);
	const {checklist, answers, current} = state;
	const note = usePrompt({onSubmit: text => state.setNote(text)}, isActive);
	const [top, setTop] = useState(0);

	const step = checklist?.steps[current];
	const lines = useMemo(() => (step ? stepLines(step, current, answers[step.id], width) : []), [step, current, answers, width]);
	const bodyHeight = Math.max(1, height - 3);
	const maxTop = Math.max(0, lines.length - bodyHeight);
	const move = (delta: number) => {
		state.move(delta);
		setTop(0);
	};

	const whenLoaded = (run: () => void) => () => (checklist ? run() : false);
	useScreenActions(CHECKLIST_ACTIONS, {
		next: whenLoaded(() => move(1)),
		previous: whenLoaded(() => move(-1)),
		down: whenLoaded(() => setTop(Math.min(maxTop, top + 1))),
		up: whenLoaded(() => setTop(Math.max(0, top - 1))),
		top: whenLoaded(() => setTop(0)),
		bottom: whenLoaded(() => setTop(maxTop)),
		passed: whenLoaded(() => state.mark('passed')),
		failed: whenLoaded(() => state.mark('failed')),
		skipped: whenLoaded(() => state.mark('skipped')),
		unmark: whenLoaded(() => state.mark(undefined)),
		note: whenLoaded(() => note.open(step ? answers[step.id]?.note ?? '' : '')),
		export: whenLoaded(() => {
			if (state.details.complete) return exportNow();
			setExportWanted(true);
			navigation.flash('reading the pod\'s events and logs before exporting…', 'info');
		}),
	}, isActive);

	if (checklist && !step) {
		return (
			<Box height={height} flexDirection="column">
				<Text bold>{`Checklist ${namespace}/${name}`}</Text>
				<Text>This pod has no init containers and nothing points at a side effect: there is nothing to walk through.</Text>
			</Box>
		);
	}
	if (!checklist || !step) {
		return (
			<Box height={height}>
				{state.details.synced
					? <Text color={color('red')}>{`pod "${name}" not found in namespace "${namespace}"`}</Text>
					: <Text dimColor>{`loading pod ${namespace}/${name}…`}</Text>}
			</Box>
		);
	}
	const counts = {passed: 0, failed: 0, skipped: 0, open: 0};
	for (const each of checklist.steps) counts[verdictOf(each, answers[each.id])]++;
	return (
		<Box flexDirection="column" height={height}>
			<Text wrap="truncate-end">
				<Text bold>{`Checklist ${namespace}/${name}`}</Text>
				<Text color={color('cyan')} bold>{`  ${current + 1}/${checklist.steps.length}`}</Text>
				<Text dimColor>{`  ✔ ${counts.passed} passed  ✖ ${counts.failed} failed  – ${counts.skipped} skipped  ○ ${counts.open} open${state.details.deleted ? '  (pod deleted: last state)' : ''}`}</Text>
			</Text>
			<Text wrap="truncate-end">
				{checklist.steps.map((each, index) => {
					const style = VERDICT_STYLE[verdictOf(each, answers[each.id])];
					return <Text key={each.id} inverse={index === current} color={color(style.color)}>{` ${index + 1}${style.glyph} `}</Text>;
				})}
			</Text>
			<ScreenLines lines={lines} top={Math.min(top, maxTop)} height={bodyHeight} />
			{note.line !== undefined ? (
				<Prompt prompt="note: " line={note.line} width={width} help="Enter save · Esc cancel" />
			) : <Text dimColor wrap="truncate-end">{lines.length > bodyHeight ? `j/k scroll [${top + 1}-${Math.min(lines.length, top + bodyHeight)}/${lines.length}]` : ' '}</Text>}
		</Box>
	);
}
