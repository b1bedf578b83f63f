// A pod table row from the server's own printer (the Table kubectl gets), before the full pod
// arrives: kubectl's cells verbatim, and the health the STATUS string alone can tell. What needs
// the container statuses (stuck, STEP, WHY) waits for the full object; such a summary is
// `provisional`.

import {humanDuration} from './duration.js';
import type {PrintedRow} from './k8s-types.js';
import {HEALTH_SYMBOLS, progressCell, type PodHealth, type PodSummary} from './pod-health.js';
import {NONE} from './pod-status.js';
import {NOT_STARTED_REASONS, timestampMs, ZERO_TIME} from './container-state.js';

const INIT_PROGRESS = /^Init:(\d+)\/(\d+)$/;
/** Waiting reasons of a container that has not started yet, not one that failed to start. */
const RUNNING = new Set(['Running', 'NotReady']);
const COMPLETED = new Set(['Completed', 'Succeeded']);
const CONTROL_CHAR = /[\u0000-\u001f\u007f-\u009f]/;
const CONTROL_CHARS = /[\u0000-\u001f\u007f-\u009f]+/g;

/** A cell as text: the server sends strings and numbers (RESTARTS is a number before 1.22). */
function cellText(value: unknown, fallback = ''): string {
	if (typeof value === 'string') return CONTROL_CHAR.test(value) ? value.replace(CONTROL_CHARS, ' ') : value;
	if (typeof value === 'number' && Number.isFinite(value)) return String(value);
	return fallback;
}

interface PrintedHealth {
	health: PodHealth;
	initDone: number;
	initTotal: number;
}

/** The health class `summarizePod` gives a pod with this STATUS, where the string decides it. */
export function healthOfPrintedStatus(status: string, scheduled: boolean, deleting: boolean): PrintedHealth {
	const none = {initDone: 0, initTotal: 0};
	if (deleting || status === 'Terminating') return {health: 'terminating', ...none};
	const progress = INIT_PROGRESS.exec(status);
	if (progress) return {health: 'initializing', initDone: Number(progress[1]), initTotal: Number(progress[2])};
	if (status.startsWith('Init:')) return {health: NOT_STARTED_REASONS.has(status.slice(5)) ? 'initializing' : 'init-failing', ...none};
	if (COMPLETED.has(status)) return {health: 'completed', ...none};
	if (RUNNING.has(status)) return {health: 'healthy', ...none};
	if (NOT_STARTED_REASONS.has(status)) return {health: 'initializing', ...none};
	if (status === 'SchedulingGated') return {health: 'pending', ...none};
	if (status === 'Pending') return {health: scheduled ? 'initializing' : 'pending', ...none};
	return {health: 'app-failing', ...none};
}

/** The pod table's summary of a printed row; `provisional` until the full pod replaces it. */
export function summarizePrintedPod(row: PrintedRow, now: number): PodSummary {
	const {metadata, cells} = row;
	const status = cellText(cells['Status']);
	const node = cellText(cells['Node'], NONE);
	const createdAt = timestampMs(metadata.creationTimestamp);
	const printed = healthOfPrintedStatus(status, node !== NONE && node !== '', Boolean(metadata.deletionTimestamp));
	const restarts = cellText(cells['Restarts'], '0');
	return {
		name: metadata.name,
		namespace: metadata.namespace ?? '',
		ready: cellText(cells['Ready']),
		status,
		restarts,
		age: createdAt === ZERO_TIME ? cellText(cells['Age'], '<unknown>') : humanDuration(now - createdAt),
		ip: cellText(cells['IP'], NONE),
		node,
		nominatedNode: cellText(cells['Nominated Node'], NONE),
		readinessGates: cellText(cells['Readiness Gates'], NONE),
		uid: metadata.uid ?? `${metadata.namespace ?? ''}/${metadata.name}`,
		health: printed.health,
		symbol: HEALTH_SYMBOLS[printed.health],
		initDone: printed.initDone,
		initTotal: printed.initTotal,
		progress: progressCell(printed.initDone, printed.initTotal),
		stepSince: undefined,
		why: undefined,
		initCause: printed.health === 'init-failing' || printed.health === 'stuck',
		cause: undefined,
		restartCount: Number.parseInt(restarts, 10) || 0,
		createdAt: createdAt === ZERO_TIME ? 0 : createdAt,
		provisional: true,
	};
}
