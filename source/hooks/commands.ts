// The `:` command line (k9s habits): `:ns`, `:ns NAME`, `:ctx`, `:ctx NAME`, `:pods`, `:causes`,
// `:help`, `:reconnect`, `:q`, and the workload views (`:deploy`, `:sts`, `:ds`, `:jobs`, `:workloads`;
// names in model/workloads/kinds.ts).
import {kindOfCommand} from '../model/workloads/kinds.js';
import type {WorkloadKind} from '../model/workloads/types.js';

export type Command =
	| {kind: 'none'}
	| {kind: 'quit'}
	| {kind: 'pods'}
	| {kind: 'causes'}
	| {kind: 'help'}
	/** `:deploy`, `:sts`, `:ds`, `:jobs`, `:rs`, `:workloads`. */
	| {kind: 'workloads'; workloads: WorkloadKind | 'all'}
	| {kind: 'namespace-picker'}
	/** name undefined = all namespaces. */
	| {kind: 'namespace'; name: string | undefined}
	| {kind: 'context-picker'}
	| {kind: 'context'; name: string}
	| {kind: 'reconnect'}
	| {kind: 'error'; message: string};

const QUIT = new Set(['q', 'q!', 'quit', 'exit']);
const PODS = new Set(['pods', 'pod', 'po']);
const CAUSES = new Set(['causes', 'cause', 'cs']);
const HELP = new Set(['help', 'h', '?']);
const NAMESPACE = new Set(['ns', 'namespace', 'namespaces']);
const CONTEXT = new Set(['ctx', 'context', 'contexts']);
const ALL = new Set(['all', '-A', '*']);
const RECONNECT = new Set(['reconnect', 'rc']);

export const COMMAND_NAMES = ':ns, :ctx, :pods, :causes, :deploy, :sts, :ds, :jobs, :workloads, :reconnect, :help, :q';

export function parseCommand(text: string): Command {
	const [verb, argument, ...rest] = text.trim().replace(/^:+/, '').split(/\s+/).filter(Boolean);
	if (!verb) return {kind: 'none'};
	if (rest.length > 0) return {kind: 'error', message: `too many arguments for :${verb}`};
	if (QUIT.has(verb)) return {kind: 'quit'};
	if (PODS.has(verb)) return argument ? {kind: 'namespace', name: ALL.has(argument) ? undefined : argument} : {kind: 'pods'};
	if (CAUSES.has(verb)) return argument ? {kind: 'error', message: `:${verb} takes no argument (use :ns first)`} : {kind: 'causes'};
	if (HELP.has(verb)) return {kind: 'help'};
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
