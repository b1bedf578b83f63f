// The `/` prompt at the bottom of the log view (keys are handled by the view).
import React from 'react';
import {Text} from 'ink';
import {color} from '../../ui/theme.js';

export function FilterPrompt({value}: {value: string}) {
	return (
		<Text wrap="truncate-start">
			<Text color={color('cyan')} bold>/</Text>
			<Text>{value}</Text>
			<Text inverse> </Text>
			<Text dimColor>{'  regex · !inverts · Enter apply · Esc cancel'}</Text>
		</Text>
	);
}
