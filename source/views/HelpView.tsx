// `?`: every key of the screen underneath, then the keys that work everywhere.
import React from 'react';
import {Box, Text} from 'ink';
import {useKeys} from '../hooks/useKeys.js';
import {useNavigation, type ViewProps} from '../app-context.js';
import type {KeyHint} from '../ui/KeyHints.js';
import {color} from '../ui/theme.js';

export interface HelpSection {
	title: string;
	keys: readonly KeyHint[];
}

export function HelpView({width, height, isActive, sections}: ViewProps & {sections: readonly HelpSection[]}) {
	const navigation = useNavigation();
	useKeys((input, key) => {
		if (key.escape || input === 'q' || input === '?') navigation.back();
	}, {isActive});
	const keyWidth = Math.min(16, Math.max(...sections.flatMap(section => section.keys.map(hint => hint.keys.length))) + 2);
	const lines: React.ReactNode[] = [];
	for (const section of sections) {
		lines.push(<Text key={`t-${section.title}`} bold color={color('cyan')}>{section.title}</Text>);
		for (const hint of section.keys) {
			lines.push(
				<Text key={`${section.title}-${hint.keys}`} wrap="truncate-end">
					<Text bold>{`  ${hint.keys.padEnd(keyWidth)}`}</Text>
					<Text>{hint.action}</Text>
				</Text>,
			);
		}
		lines.push(<Text key={`s-${section.title}`}> </Text>);
	}
	// Two columns when one does not fit.
	const perColumn = Math.max(1, height);
	const columns = Math.ceil(lines.length / perColumn);
	const columnWidth = Math.floor(width / Math.max(1, columns));
	return (
		<Box width={width} height={height} overflow="hidden">
			{Array.from({length: columns}, (_, index) => (
				<Box key={index} flexDirection="column" width={columnWidth}>
					{lines.slice(index * perColumn, (index + 1) * perColumn)}
				</Box>
			))}
		</Box>
	);
}
