// Stands in for a screen whose file has not landed yet.
import React from 'react';
import {Box, Text} from 'ink';
import {useKeys} from '../hooks/useKeys.js';
import {useNavigation, type ViewProps} from '../app-context.js';

export function notAvailable(what: string) {
	return function NotAvailableView({width, height, isActive}: ViewProps) {
		const navigation = useNavigation();
		useKeys((input, key) => {
			if (key.escape || input === 'q') navigation.back();
		}, {isActive});
		return (
			<Box width={width} height={height} flexDirection="column">
				<Text>{`The ${what} screen is not available yet.`}</Text>
				<Text dimColor>Esc goes back.</Text>
			</Box>
		);
	};
}
