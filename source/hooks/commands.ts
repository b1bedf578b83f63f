// The `:` command line (k9s habits): `:ns`, `:ns NAME`, `:ctx`, `:ctx NAME`, `:pods`, `:causes`,
// `:help`, `:reconnect`, `:q`, and the workload views (`:deploy`, `:sts`, `:ds`, `:jobs`, `:workloads`;
// names in model/workloads/kinds.ts).
import {kindOfCommand} from '../model/workloads/kinds.js';
import type {WorkloadKind} from '../model/workloads/types.js';

export type Command =
	| {kind: 'none'}
	| {kind: 'quit'}
	/** A screen's own command (`:pods`, `:causes`, `:help`), from the screen registry. */
	| {kind: 'screen'; view: string}
	/** `:deploy`, `:sts`, `:ds`, `:jobs`, `:rs`, `:workloads` (names in model/workloads/kinds.ts). */
	| {kind: 'workloads'; workloads: WorkloadKind | 'all'}
	| {kind: 'namespace-picker'}
	/** name undefined = all namespaces. */
	| {kind: 'namespace'; name: string | undefined}
	| {kind: 'context-picker'}
	| {kind: 'context'; name: string}
	| {kind: 'reconnect'}
	| {kind: 'error'; message: string};

const QUIT = new Set(['q', 'q!', 'quit', 'exit']);
const NAMESPACE = new Set(['ns', 'namespace', 'namespaces']);
const CONTEXT = new Set(['ctx', 'context', 'contexts']);
const ALL = new Set(['all', '-A', '*']);
const RECONNECT = new Set(['reconnect', 'rc']);

export const COMMAND_NAMES = ':ns, :ctx, :pods, :causes, :deploy, :sts, :ds, :jobs, :workloads, :reconnect, :help, :q';

/** What help says about each command. */
export const COMMAND_HELP: ReadonlyArray<{usage: string; description: string}> = [
	{usage: ':ns NAME', description: 'namespace NAME (:ns all: every namespace)'},
	{usage: ':ns', description: 'choose a namespace'},
	{usage: ':ctx NAME', description: 'switch to context NAME (a new connection)'},
	{usage: ':ctx', description: 'choose a context'},
	{usage: ':pods', description: 'back to the pod table'},
	{usage: ':causes', description: 'failing and stuck pods grouped by cause (also C)'},
	{usage: ':deploy', description: 'Deployments (also :sts, :ds, :jobs, :rs): kubectl\'s columns and a WHY'},
	{usage: ':workloads', description: 'every workload kind; Enter: its pods by revision'},
	{usage: ':reconnect', description: 'reconnect now, back-off reset (also Ctrl-R, :rc)'},
	{usage: ':help', description: 'this help'},
	{usage: ':q', description: 'quit'},
];

/** `screenOf` names the screen a command word opens (the screen registry's commands). */
export function parseCommand(text: string, screenOf: (name: string) => string | undefined = () => undefined): Command {
	const [verb, argument, ...rest] = text.trim().replace(/^:+/, '').split(/\s+/).filter(Boolean);
	if (!verb) return {kind: 'none'};
	if (rest.length > 0) return {kind: 'error', message: `too many arguments for :${verb}`};
	if (QUIT.has(verb)) return {kind: 'quit'};
	const view = screenOf(verb);
	// `:pods NS` is `:ns NS`, as in k9s.
	if (view === 'pods' && argument) return {kind: 'namespace', name: ALL.has(argument) ? undefined : argument};
	if (view === 'causes' && argument) return {kind: 'error', message: `:${verb} takes no argument (use :ns first)`};
	if (view) return {kind: 'screen', view};
	if (RECONNECT.has(verb)) return argument ? {kind: 'error', message: ':reconnect takes no argument'} : {kind: 'reconnect'};
	if (NAMESPACE.has(verb)) {
		if (!argument) return {kind: 'namespace-picker'};
		return {kind: 'namespace', name: ALL.has(argument) ? undefined : argument};
	}
	const workloads = kindOfCommand(verb);
	if (workloads) return argument ? {kind: 'error', message: `:${verb} takes no argument (switch namespace with :ns)`} : {kind: 'workloads', workloads};
	if (CONTEXT.has(verb)) return argument ? {kind: 'context', name: argument} : {kind: 'context-picker'};
	return {kind: 'error', message: `unknown command :${verb} (try ${COMMAND_NAMES})`};
}
