import {test} from 'node:test';
import assert from 'node:assert/strict';
import React from 'react';
import {render} from 'ink-testing-library';
import {connectionLabel, Header} from '../../source/ui/Header.js';

const now = Date.parse('2026-01-01T12:00:00Z');

test('connection states as the header words them', () => {
	assert.equal(connectionLabel({kind: 'live', since: now}, now).text, '● live');
	assert.equal(connectionLabel(undefined, now).text, '○ connecting…');
	assert.equal(connectionLabel({kind: 'reconnecting', since: now - 95_000, attempt: 3, cause: 'server unreachable', lastError: 'cannot reach https://x: connection refused'}, now).text, '◌ stale 95s: server unreachable, reconnecting');
	assert.equal(connectionLabel({kind: 'polling', since: now - 5000, cause: 'watch stalled'}, now).text, '◐ polling: watch stalled');
	assert.equal(connectionLabel({kind: 'polling', since: now - 50_000, cause: 'watch stalled', staleSince: now - 12_000, lastError: 'server error (503)'}, now).text, '◌ stale 12s: polling: watch stalled');
	assert.equal(connectionLabel({kind: 'forbidden', message: 'forbidden: user "dev" cannot list pods at cluster scope (all namespaces)'}, now).text, '✖ forbidden: user "dev" cannot list pods at cluster scope (all namespaces)');
});

test('the header: context, namespace, state, counts, where we are', () => {
	const {lastFrame} = render(
		<Header context="prod" cluster="eks-1" namespace="web" connection={{kind: 'live', since: now}} counts={{pods: 12, initializing: 2, failing: 1, stuck: 3}} crumbs={['pods', 'myapp-pod']} width={100} now={now} />,
	);
	const [first, second] = lastFrame()!.split('\n');
	assert.match(first, /ctx prod\s+ns web\s+● live\s+cluster eks-1/);
	assert.match(second, /pods 12\s+initializing 2\s+failing 1\s+stuck 3\s+pods › myapp-pod/);
});

test('at 80 columns the counts say init N, so the causes count and the breadcrumb both fit', () => {
	const {lastFrame} = render(
		<Header context="prod" cluster="prod" namespace="all" connection={{kind: 'live', since: now}} counts={{pods: 76, initializing: 6, failing: 31, stuck: 0, causes: 9}} crumbs={['pods', 'myapp-config', 'logs myapp-config']} width={80} now={now} />,
	);
	const second = lastFrame()!.split('\n')[1]!;
	assert.match(second, /^pods 76\s+causes 9\s+init 6\s+failing 31\s+stuck 0\s+pods › myapp-config › logs myap/);
});
