// A titled list to choose one value from (namespaces, contexts, containers): j/k or arrows,
// Enter (or 1-9) chooses, Esc cancels.
import React from 'react';
import {Box, Text} from 'ink';
import {useKeys} from '../hooks/useKeys.js';
import SelectInput from 'ink-select-input';
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
}

export function Picker({title, items, initialValue, onSelect, onCancel, isActive, height, width}: PickerProps) {
	useKeys((_input, key) => {
		if (key.escape) onCancel();
	}, {isActive});
	const initialIndex = Math.max(0, items.findIndex(item => item.value === initialValue));
	const limit = Math.max(1, height - 2);
	return (
		<Box flexDirection="column" width={width} height={height} overflow="hidden">
			<Text bold color={color('cyan')} wrap="truncate-end">{title}</Text>
			{items.length === 0 ? (
				<Text dimColor>(nothing to choose from)</Text>
			) : (
				<SelectInput
					items={items.map(item => ({key: item.value, label: item.label, value: item.value}))}
					initialIndex={initialIndex}
					limit={limit}
					isFocused={isActive}
					onSelect={item => onSelect(item.value)}
				/>
			)}
			<Text dimColor wrap="truncate-end">j/k move · Enter choose · Esc cancel</Text>
		</Box>
	);
}
