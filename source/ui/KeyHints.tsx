// One line of `<key> action` pairs, cut to the width (whole hints only).
import React from 'react';
import {Text} from 'ink';
import {color} from './theme.js';

export interface KeyHint {
	/** As the user types it: `j/k`, `Enter`, `:ns NAME`. */
	keys: string;
	action: string;
	/** Shown in the bottom line, not only in help. */
	hint?: boolean;
}

export function KeyHints({hints, width}: {hints: readonly KeyHint[]; width: number}) {
	const shown: KeyHint[] = [];
	let used = 0;
	for (const hint of hints) {
		const size = hint.keys.length + hint.action.length + 5;
		if (used + size > width) break;
		shown.push(hint);
		used += size;
	}
	return (
		<Text wrap="truncate-end">
			{shown.map(hint => (
				<Text key={hint.keys}>
					<Text color={color('cyan')} bold>{`<${hint.keys}>`}</Text>
					<Text dimColor>{` ${hint.action}  `}</Text>
				</Text>
			))}
		</Text>
	);
}
