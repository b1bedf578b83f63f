// The top two lines: where we are (context, cluster, namespace), whether the data is live,
// and the pod counts that matter (initializing, failing, stuck).
import React from 'react';
import {Box, Text} from 'ink';
import type {ConnectionState} from '../kube/types.js';
import {humanDuration} from '../model/duration.js';
import {color, ink} from './theme.js';

export interface HeaderCounts {
	pods: number;
	initializing: number;
	failing: number;
	stuck: number;
	/** Cause groups: pods failing or stuck for one reason count once. */
	causes?: number;
	/** Some pods are known only from the server's printed rows: stuck needs their full objects. */
	provisional?: boolean;
}

export interface HeaderProps {
	context: string;
	cluster: string;
	/** `default`, or `all` for every namespace. */
	namespace: string;
	connection?: ConnectionState;
	counts?: HeaderCounts;
	/** Where the user is: `pods › myapp-pod › logs`. */
	crumbs: readonly string[];
	width: number;
	now: number;
}

export function connectionLabel(state: ConnectionState | undefined, now: number): {text: string; color: string} {
	switch (state?.kind) {
		case undefined:
		case 'connecting': return {text: '○ connecting…', color: 'yellow'};
		case 'live': return {text: '● live', color: 'green'};
		case 'reconnecting':
			return {text: `◌ stale ${humanDuration(now - state.since)}: ${state.cause}, reconnecting`, color: 'yellow'};
		case 'polling':
			return state.staleSince === undefined
				? {text: `◐ polling: ${state.cause}`, color: 'yellow'}
				: {text: `◌ stale ${humanDuration(now - state.staleSince)}: polling: ${state.cause}`, color: 'yellow'};
		case 'forbidden': return {text: `✖ ${state.message}`, color: 'red'};
		case 'stopped': return {text: '■ stopped', color: 'gray'};
	}
}

function Field({label, value}: {label: string; value: string}) {
	return (
		<Text>
			<Text dimColor>{`${label} `}</Text>
			<Text bold>{value}</Text>
			<Text>{'  '}</Text>
		</Text>
	);
}

/** Below this width the counts say `init N`, leaving the breadcrumb room (chosen from the width alone, so it never flips as counts change). */
export const COMPACT_HEADER_WIDTH = 100;

export function Header({context, cluster, namespace, connection, counts, crumbs, width, now}: HeaderProps) {
	const state = connectionLabel(connection, now);
	const initializing = width < COMPACT_HEADER_WIDTH ? 'init' : 'initializing';
	return (
		<Box flexDirection="column" width={width} height={2} overflow="hidden">
			<Text wrap="truncate-end">
				<Text bold color={color('cyan')}>initk9  </Text>
				<Field label="ctx" value={context} />
				<Field label="ns" value={namespace} />
				<Text color={color(state.color)}>{`${state.text}  `}</Text>
				{cluster === context ? null : <Field label="cluster" value={cluster} />}
			</Text>
			<Text wrap="truncate-end">
				{counts ? (
					<Text>
						<Field label="pods" value={String(counts.pods)} />
						{counts.causes === undefined ? null : <Field label="causes" value={String(counts.causes)} />}
						<Text {...ink('initializing')}>{`${initializing} ${counts.initializing}  `}</Text>
						<Text {...(counts.failing ? ink('init-failing') : {})}>{`failing ${counts.failing}  `}</Text>
						<Text {...(counts.stuck ? ink('stuck') : {})}>{`stuck ${counts.stuck}${counts.provisional ? '+?' : ''}  `}</Text>
						{counts.provisional ? <Text dimColor>{'reading pod details…  '}</Text> : null}
					</Text>
				) : null}
				<Text dimColor>{crumbs.join(' › ')}</Text>
			</Text>
		</Box>
	);
}
