// Loads kubeconfig the way kubectl does: --kubeconfig, else every file in KUBECONFIG merged
// (missing files skipped; for each name the first file wins, current-context from the first
// file that sets one), else ~/.kube/config, else in-cluster service account. client-node does the
// parsing (and the auth/TLS later); the file selection and merge rules are kubectl's, and every
// failure is one InitError line instead of client-node's silent fallback to localhost:8080.
import {existsSync, readFileSync} from 'node:fs';
import {homedir} from 'node:os';
import {delimiter, dirname, isAbsolute, join, resolve} from 'node:path';
import {KubeConfig} from '@kubernetes/client-node';
import type {Cluster, Context, User} from '@kubernetes/client-node';
import {oneLine} from './errors.js';
import {InitError} from './types.js';

export interface KubeconfigSource {
	/** --kubeconfig */
	kubeconfig?: string;
	env?: NodeJS.ProcessEnv;
	homeDir?: string;
}

export interface LoadedKubeconfig {
	clusters: Cluster[];
	users: User[];
	contexts: Context[];
	currentContext: string | undefined;
	/** The files merged, in order (empty for in-cluster config). */
	files: string[];
}

export const noKubeconfigMessage = 'no kubeconfig found: set KUBECONFIG, pass --kubeconfig, or create ~/.kube/config (or try the built-in demo cluster: initk9 --demo)';

const serviceAccountDir = '/var/run/secrets/kubernetes.io/serviceaccount';

function kubeconfigFiles(source: KubeconfigSource): string[] {
	const env = source.env ?? process.env;
	if (source.kubeconfig !== undefined) {
		const file = resolve(source.kubeconfig);
		if (!existsSync(file)) throw new InitError(`kubeconfig ${source.kubeconfig} not found`);
		return [file];
	}
	if (env.KUBECONFIG) {
		const listed = env.KUBECONFIG.split(delimiter).filter(Boolean);
		const present = listed.filter(file => existsSync(file));
		if (present.length === 0) throw new InitError(`no kubeconfig found: none of the files in KUBECONFIG exist (${listed.join(', ')})`);
		return [...new Set(present.map(file => resolve(file)))];
	}
	const home = source.homeDir ?? env.HOME ?? homedir();
	const file = join(home, '.kube', 'config');
	return existsSync(file) ? [file] : [];
}

function loadFile(file: string): KubeConfig {
	const kc = new KubeConfig();
	let text: string;
	try {
		text = readFileSync(file, 'utf8');
	} catch (error) {
		throw new InitError(`cannot read kubeconfig ${file}: ${oneLine((error as Error).message)}`);
	}
	if (text.trim() === '') {
		kc.loadFromOptions({clusters: [], users: [], contexts: [], currentContext: undefined});
		return kc;
	}
	try {
		kc.loadFromString(text);
	} catch (error) {
		const name = (error as Error).name;
		const what = name === 'YAMLException' ? 'cannot parse kubeconfig' : 'invalid kubeconfig';
		throw new InitError(`${what} ${file}: ${oneLine((error as Error).message)}`);
	}
	kc.makePathsAbsolute(dirname(file));
	return kc;
}

/** kubectl resolves a relative exec command that contains a path separator against the file's folder. */
function withFileRelativeExec(user: User, file: string): User {
	const command = (user.exec as {command?: unknown} | undefined)?.command;
	const token = typeof user.token === 'string' ? user.token.trim() : user.token;
	if (typeof command === 'string' && command.includes('/') && !isAbsolute(command)) {
		return {...user, token, exec: {...user.exec, command: join(dirname(file), command)}};
	}
	return {...user, token};
}

function inClusterConfig(env: NodeJS.ProcessEnv): LoadedKubeconfig | undefined {
	if (!env.KUBERNETES_SERVICE_HOST || !existsSync(join(serviceAccountDir, 'token'))) return undefined;
	const kc = new KubeConfig();
	kc.loadFromCluster();
	return {clusters: kc.getClusters(), users: kc.getUsers(), contexts: kc.getContexts(), currentContext: kc.getCurrentContext(), files: []};
}

/** Reads and merges the kubeconfig files; throws InitError with one line on every bad case. */
export function loadKubeconfig(source: KubeconfigSource): LoadedKubeconfig {
	const files = kubeconfigFiles(source);
	if (files.length === 0) {
		const inCluster = inClusterConfig(source.env ?? process.env);
		if (inCluster) return inCluster;
		throw new InitError(noKubeconfigMessage);
	}
	const merged: LoadedKubeconfig = {clusters: [], users: [], contexts: [], currentContext: undefined, files};
	const seen = {clusters: new Set<string>(), users: new Set<string>(), contexts: new Set<string>()};
	for (const file of files) {
		const kc = loadFile(file);
		for (const cluster of kc.getClusters()) {
			if (!seen.clusters.has(cluster.name)) merged.clusters.push({...cluster});
			seen.clusters.add(cluster.name);
		}
		for (const user of kc.getUsers()) {
			if (!seen.users.has(user.name)) merged.users.push(withFileRelativeExec(user, file));
			seen.users.add(user.name);
		}
		for (const context of kc.getContexts()) {
			if (!seen.contexts.has(context.name)) merged.contexts.push({...context});
			seen.contexts.add(context.name);
		}
		merged.currentContext ||= kc.getCurrentContext() || undefined;
	}
	if (merged.contexts.length === 0) throw new InitError(`no contexts in kubeconfig (${files.join(', ')})`);
	return merged;
}

export interface ResolvedContext {
	kubeConfig: KubeConfig;
	context: Context;
	cluster: Cluster;
	user: User | undefined;
	contexts: string[];
}

function available(config: LoadedKubeconfig): string {
	return config.contexts.map(context => context.name).join(', ');
}

/**
 * A fresh KubeConfig whose current context is `name` (or the current-context). Fresh per session:
 * switching contexts on a shared KubeConfig leaks credentials to clients made earlier.
 */
export function resolveContext(config: LoadedKubeconfig, name: string | undefined): ResolvedContext {
	const contextName = name ?? config.currentContext;
	if (contextName === undefined) throw new InitError(`no current context in kubeconfig: pass --context (available: ${available(config)})`);
	const context = config.contexts.find(candidate => candidate.name === contextName);
	if (!context) throw new InitError(`context "${contextName}" not found in kubeconfig (available: ${available(config)})`);
	const cluster = config.clusters.find(candidate => candidate.name === context.cluster);
	if (!cluster) throw new InitError(`context "${contextName}" refers to cluster "${context.cluster}", which is not in the kubeconfig`);
	const user = context.user === undefined ? undefined : config.users.find(candidate => candidate.name === context.user);
	if (context.user !== undefined && !user) throw new InitError(`context "${contextName}" refers to user "${context.user}", which is not in the kubeconfig`);
	let server: URL;
	try {
		server = new URL(cluster.server);
	} catch {
		throw new InitError(`cluster "${cluster.name}" has an invalid server address: ${cluster.server}`);
	}
	if (server.protocol !== 'https:' && server.protocol !== 'http:') throw new InitError(`cluster "${cluster.name}" has an unsupported server address: ${cluster.server}`);
	// client-node refuses plain http unless TLS verification is off; kubectl allows it, and
	// there is nothing to verify without TLS.
	const ownCluster: Cluster = server.protocol === 'http:' ? {...cluster, skipTLSVerify: true} : {...cluster};
	const kubeConfig = new KubeConfig();
	kubeConfig.loadFromOptions({
		clusters: [ownCluster],
		users: user ? [{...user}] : [],
		contexts: [{...context}],
		currentContext: context.name,
	});
	return {kubeConfig, context, cluster: ownCluster, user, contexts: config.contexts.map(candidate => candidate.name)};
}
