// A titled list to choose one value from (namespaces, contexts, containers): j/k or arrows,
// PgUp/PgDn, g/G or Home/End move; Enter (or 1-9, the n-th row in view) chooses, Esc cancels.
// ink-select-input draws the rows, but the keys are ours (the prompt layer of input/: a picker
// takes every key while it is open, one at a time, so a fast run like "jj\r" counts in order).
import React, {useEffect, useReducer, useRef} from 'react';
import {Box, Text} from 'ink';
import SelectInput from 'ink-select-input';
import type {Handled} from '../input/dispatcher.js';
import {useKeyHandler} from '../input/InputProvider.js';
import type {KeyPress} from '../input/keys.js';
import {keepInView, pickerAction} from './picker/picker-keys.js';
import {color} from './theme.js';

export interface PickerItem {
	label: string;
	value: string;
}

export interface PickerProps {
	title: string;
	items: readonly PickerItem[];
	/** Highlighted first (e.g. the current namespace). */
	initialValue?: string;
	onSelect(value: string): void;
	onCancel(): void;
	isActive: boolean;
	height: number;
	width: number;
	/** The items are on their way (e.g. a namespace list call): keys wait for them, Esc still cancels. */
	loading?: string;
}

interface Highlight {
	value: string | undefined;
	index: number;
}

/** The highlighted row now: the same value wherever it moved in a changed list, else the same position. */
function indexOf(items: readonly PickerItem[], highlight: Highlight): number {
	const found = items.findIndex(item => item.value === highlight.value);
	return found >= 0 ? found : Math.max(0, Math.min(highlight.index, items.length - 1));
}

export function Picker({title, items, initialValue, onSelect, onCancel, isActive, height, width, loading}: PickerProps) {
	const limit = Math.max(1, height - 2);
	// Refs, not state alone: the keys of one read are all handled before React renders again.
	const highlight = useRef<Highlight>({value: initialValue, index: 0});
	const top = useRef(0);
	const finished = useRef(false);
	const [, rerender] = useReducer((count: number) => count + 1, 0);
	const index = indexOf(items, highlight.current);
	top.current = keepInView(index, top.current, limit, items.length);
	// Keys after Enter/Esc in the same read are not for this list; a list kept open listens again.
	useEffect(() => {
		finished.current = false;
	});

	const waiting = useRef<KeyPress[]>([]);
	const handle = ({input, key}: KeyPress): Handled => {
		if (finished.current) return false;
		const at = indexOf(items, highlight.current);
		const action = pickerAction(input, key, {index: at, top: top.current, count: items.length, limit});
		switch (action.kind) {
			case 'move':
				highlight.current = {value: items[action.index]?.value, index: action.index};
				top.current = keepInView(action.index, top.current, limit, items.length);
				rerender();
				return true;
			case 'choose':
				finished.current = true;
				onSelect(items[action.index]!.value);
				return 'settle';
			case 'cancel':
				finished.current = true;
				onCancel();
				return 'settle';
			case 'none':
				return true;
		}
	};
	// While open, every key is the picker's (it is modal).
	useKeyHandler('prompt', press => {
		if (loading !== undefined && !press.key.escape) {
			waiting.current.push(press);
			return true;
		}
		return handle(press);
	}, isActive);
	// Keys that waited (for this list to open, or for its items) count once the items are here.
	useEffect(() => {
		if (loading !== undefined) return;
		for (const press of waiting.current.splice(0)) handle(press);
		// Only when loading ends; handle reads the latest items through refs and props of this render.
		// eslint-disable-next-line react-hooks/exhaustive-deps
	}, [loading]);

	const visible = items.slice(top.current, top.current + limit);
	return (
		<Box flexDirection="column" width={width} height={height} overflow="hidden">
			<Text wrap="truncate-end">
				<Text bold color={color('cyan')}>{title}</Text>
				{items.length > limit ? <Text dimColor>{` ${index + 1}/${items.length}`}</Text> : null}
			</Text>
			{loading !== undefined ? (
				<Text dimColor>{loading}</Text>
			) : items.length === 0 ? (
				<Text dimColor>(nothing to choose from)</Text>
			) : (
				// Drawn only: remounted on every move so its own highlight starts on ours.
				<SelectInput
					key={`${top.current}\u0000${index}\u0000${visible.map(item => item.value).join('\u0000')}`}
					items={visible.map(item => ({key: item.value, label: item.label, value: item.value}))}
					initialIndex={index - top.current}
					isFocused={false}
				/>
			)}
			<Text dimColor wrap="truncate-end">j/k move · Enter choose · Esc cancel</Text>
		</Box>
	);
}
