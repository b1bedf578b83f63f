// The bottom line: `<key> action` pairs for the screen, cut to the width (whole hints only), and
// the hints that always show (help and how to go back) at its end.
import React from 'react';
import {Text} from 'ink';
import {color} from './theme.js';

export interface KeyHint {
	/** As the user types it: `l`, `Enter`, `Ctrl-S`. */
	keys: string;
	action: string;
}

const size = (hint: KeyHint) => hint.keys.length + hint.action.length + 5;

export function KeyHints({hints, always, width}: {hints: readonly KeyHint[]; always: readonly KeyHint[]; width: number}) {
	let used = always.reduce((sum, hint) => sum + size(hint), 0);
	const shown: KeyHint[] = [];
	for (const hint of hints) {
		if (used + size(hint) > width) break;
		shown.push(hint);
		used += size(hint);
	}
	return (
		<Text wrap="truncate-end">
			{[...shown, ...always].map(hint => (
				<Text key={hint.keys}>
					<Text color={color('cyan')} bold>{`<${hint.keys}>`}</Text>
					<Text dimColor>{` ${hint.action}  `}</Text>
				</Text>
			))}
		</Text>
	);
}
