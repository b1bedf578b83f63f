// Draws a window of pre-wrapped screen lines.
import React from 'react';
import {Box, Text} from 'ink';
import {color} from '../../ui/theme.js';
import type {ScreenLine} from './lines.js';

export function ScreenLines({lines, top, height}: {lines: readonly ScreenLine[]; top: number; height: number}) {
	const shown = lines.slice(top, top + height);
	return (
		<Box flexDirection="column" height={height}>
			{shown.map(line => line.element ? <Box key={line.key} height={1}>{line.element}</Box> : (
				<Text key={line.key} wrap="truncate-end">
					{line.segments.map((segment, at) => (
						<Text key={at} color={segment.color ? color(segment.color) : undefined} bold={segment.bold} dimColor={segment.dim}>{segment.text}</Text>
					))}
				</Text>
			))}
		</Box>
	);
}
