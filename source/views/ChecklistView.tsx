// The guided walkthrough of the side-effect checklist: one step at a time with its evidence and
// question; the user marks it, adds notes, and exports a report with the bisect manifests.
import React, {useEffect, useMemo, useRef, useState} from 'react';
import {Box, Text} from 'ink';
import {useNavigation, type ViewProps} from '../app-context.js';
import {useChecklist} from '../hooks/useChecklist.js';
import {useInputCapture} from '../hooks/useInputCapture.js';
import {useKeys} from '../hooks/useKeys.js';
import {color} from '../ui/theme.js';
import {ScreenLines} from './pod/ScreenLines.js';
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
			navigation.flash(`exported report.md and bisect/ to ${result.folder}`, 'info');
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
	// Keys typed in one burst arrive before the next render: the note being edited lives in a
	// ref so each key sees the previous one's edit; the state only redraws it.
	const [note, setNoteState] = useState<string | undefined>(undefined);
	const noteRef = useRef<string | undefined>(undefined);
	const setNote = (value: string | undefined) => {
		noteRef.current = value;
		setNoteState(value);
	};
	const [top, setTop] = useState(0);
	useInputCapture(note !== undefined);

	const step = checklist?.steps[current];
	const lines = useMemo(() => (step ? stepLines(step, current, answers[step.id], width) : []), [step, current, answers, width]);
	const bodyHeight = Math.max(1, height - 3);
	const maxTop = Math.max(0, lines.length - bodyHeight);
	const move = (delta: number) => {
		state.move(delta);
		setTop(0);
	};

	useKeys((input, key) => {
		const editing = noteRef.current;
		if (editing !== undefined) {
			if (key.escape) return setNote(undefined);
			if (key.return) {
				state.setNote(editing);
				return setNote(undefined);
			}
			if (key.backspace || key.delete) return setNote(editing.slice(0, -1));
			if (input && !key.ctrl && !key.meta) setNote(editing + input.replace(/[\u0000-\u001f\u007f]/g, ''));
			return undefined;
		}
		if (key.escape) return navigation.back();
		if (!checklist) return undefined;
		if (input === 'n' || key.rightArrow || (key.tab && !key.shift)) return move(1);
		if (input === 'p' || key.leftArrow || (key.tab && key.shift)) return move(-1);
		if (input === 'j' || key.downArrow) return setTop(Math.min(maxTop, top + 1));
		if (input === 'k' || key.upArrow) return setTop(Math.max(0, top - 1));
		if (input === 'g') return setTop(0);
		if (input === 'G') return setTop(maxTop);
		switch (input) {
			case 'o':
				return state.mark('passed');
			case 'f':
				return state.mark('failed');
			case 's':
				return state.mark('skipped');
			case 'u':
				return state.mark(undefined);
			case 'a':
				return setNote(step ? answers[step.id]?.note ?? '' : '');
			case 'e':
				if (state.details.complete) return exportNow();
				setExportWanted(true);
				return navigation.flash('reading the pod\'s events and logs before exporting…', 'info');
			default:
				return undefined;
		}
	}, {isActive});

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
			{note !== undefined ? (
				<Text wrap="truncate-start">
					<Text color={color('cyan')} bold>note: </Text>
					<Text>{note}</Text>
					<Text inverse> </Text>
					<Text dimColor>{'  Enter save · Esc cancel'}</Text>
				</Text>
			) : <Text dimColor wrap="truncate-end">{lines.length > bodyHeight ? `j/k scroll [${top + 1}-${Math.min(lines.length, top + bodyHeight)}/${lines.length}]` : ' '}</Text>}
		</Box>
	);
}
