// What an init container waits for, read from its command: `until nslookup X`, `nc -z host port`,
// wget/curl loops, `pg_isready -h host`, … The hosts are resolved to in-cluster Services where the
// name has a Service's DNS shape (`svc`, `svc.ns`, `svc.ns.svc`, `svc.ns.svc.cluster.local`).

import type {EnvVar} from './k8s-types.js';
import {commandScript, simpleCommands} from './shell.js';

export type WaitTool = 'nslookup' | 'host' | 'dig' | 'getent' | 'nc' | 'telnet' | 'wget' | 'curl' | 'pg_isready' | 'mysqladmin' | 'redis-cli' | 'dev-tcp';

export interface DependencyTarget {
	tool: WaitTool;
	/** The host exactly as written in the command. */
	host: string;
	port?: number;
	/** The Service this host names when it has an in-cluster DNS shape. */
	service?: {name: string; namespace: string};
	/** An IP address or a name outside the cluster: nothing to look up read-only. */
	external: boolean;
}

export interface DependencyWait {
	targets: DependencyTarget[];
	/** The script loops or retries (until/while/for, sleep, --retry, --tries). */
	loops: boolean;
	/** The shell text the targets were read from. */
	script: string;
}

const TLDS = new Set(['com', 'org', 'net', 'io', 'dev', 'app', 'edu', 'gov', 'info', 'biz', 'co', 'us', 'uk', 'de', 'fr', 'jp', 'cn', 'kr', 'ru', 'eu', 'cloud', 'ai', 'me', 'local', 'internal', 'localdomain', 'example', 'test', 'invalid', 'localhost']);
const IPV4 = /^\d{1,3}(\.\d{1,3}){3}$/;
const DNS_LABEL = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/;

/** The Service a host name refers to, seen from a pod in `podNamespace`, or undefined when it cannot be one. */
export function serviceForHost(host: string, podNamespace: string): {name: string; namespace: string} | undefined {
	const name = host.toLowerCase().replace(/\.$/, '');
	if (IPV4.test(name) || name.includes(':') || name === 'localhost') return undefined;
	const labels = name.split('.');
	if (!labels.every(label => DNS_LABEL.test(label))) return undefined;
	if (labels.length === 1) return {name: labels[0]!, namespace: podNamespace};
	if (labels.length === 2) return TLDS.has(labels[1]!) ? undefined : {name: labels[0]!, namespace: labels[1]!};
	// svc.ns.svc[.cluster-domain…]; pod-hostname.svc.ns.svc… has a fourth label before "svc" and
	// is a headless Service's member: its Service is the second label.
	const svcAt = labels.indexOf('svc');
	if (svcAt === 2) return {name: labels[0]!, namespace: labels[1]!};
	if (svcAt === 3) return {name: labels[1]!, namespace: labels[2]!};
	return undefined;
}

export {commandScript} from './shell.js';

function parsePort(value: string | undefined): number | undefined {
	if (!value || !/^\d{1,5}$/.test(value)) return undefined;
	const port = Number(value);
	return port > 0 && port < 65536 ? port : undefined;
}

/** Words after the program that are not options (an option's value is skipped when listed). */
function operands(argv: string[], optionsWithValue: ReadonlySet<string>): string[] {
	const out: string[] = [];
	for (let i = 1; i < argv.length; i++) {
		const word = argv[i]!;
		if (word.startsWith('-')) {
			if (optionsWithValue.has(word)) i++;
			continue;
		}
		if (word.startsWith('>') || word.startsWith('2>') || word === '/dev/null') continue;
		out.push(word);
	}
	return out;
}

function optionValue(argv: string[], names: readonly string[]): string | undefined {
	for (let i = 1; i < argv.length; i++) {
		const word = argv[i]!;
		for (const name of names) {
			if (word === name) return argv[i + 1];
			if (name.startsWith('--') && word.startsWith(`${name}=`)) return word.slice(name.length + 1);
			if (!name.startsWith('--') && word.startsWith(name) && word.length > name.length) return word.slice(name.length);
		}
	}
	return undefined;
}

function urlTarget(url: string): {host: string; port?: number} | undefined {
	const withScheme = /^[a-z][a-z0-9+.-]*:\/\//i.test(url) ? url : `http://${url}`;
	try {
		const parsed = new URL(withScheme);
		if (!parsed.hostname) return undefined;
		return {host: parsed.hostname.replace(/^\[|\]$/g, ''), port: parsePort(parsed.port)};
	} catch {
		return undefined;
	}
}

function program(word: string): string {
	return word.split('/').pop() ?? word;
}

function targetsOf(argv: string[]): Array<{tool: WaitTool; host: string; port?: number}> {
	const name = program(argv[0]!);
	switch (name) {
		case 'nslookup':
		case 'host': {
			const host = operands(argv, new Set(['-t', '-c', '-W', '-R', '-type', '-port', '-timeout']))[0];
			return host ? [{tool: name, host}] : [];
		}
		case 'dig': {
			const host = operands(argv, new Set(['-p', '-t', '-c', '-q'])).find(word => !word.startsWith('@') && !/^[A-Z]+$/.test(word));
			return host ? [{tool: 'dig', host}] : [];
		}
		case 'getent': {
			const [database, host] = operands(argv, new Set());
			return host && /^(hosts|ahosts|ahostsv4)$/.test(database ?? '') ? [{tool: 'getent', host}] : [];
		}
		case 'nc':
		case 'ncat':
		case 'netcat':
		case 'telnet': {
			const [host, port] = operands(argv, new Set(['-w', '-i', '-p', '-s', '-q', '-W']));
			return host ? [{tool: name === 'telnet' ? 'telnet' : 'nc', host, port: parsePort(port)}] : [];
		}
		case 'wget':
		case 'curl': {
			const valued = new Set(['-O', '-o', '-T', '-t', '-q', '--retry', '--max-time', '-m', '--connect-timeout', '-H', '--header', '-X', '-d', '--data', '-u', '--user', '-w', '--output', '--timeout', '--tries', '--retry-delay', '-U', '--user-agent']);
			return operands(argv, valued).flatMap(url => {
				const target = urlTarget(url);
				return target ? [{tool: name, ...target}] : [];
			});
		}
		case 'pg_isready':
		case 'mysqladmin':
		case 'redis-cli': {
			const host = optionValue(argv, ['-h', '--host']);
			const port = parsePort(optionValue(argv, ['-p', '--port', '-P']));
			if (!host) return [];
			return [{tool: name, host, port}];
		}
		default:
			return [];
	}
}

const DEV_TCP = /\/dev\/tcp\/([A-Za-z0-9.-]+)\/(\d+)/g;
const LOOPS = /\b(until|while|for)\b|\bsleep\b|--retry\b|--tries\b|-t\s*\d|\bwait-for|\bwait_for/;

const SA_NAMESPACE = /\$\(\s*cat\s+\/var\/run\/secrets\/kubernetes\.io\/serviceaccount\/namespace\s*\)/g;

/** Fills in what a script can know statically: the service-account namespace file and env vars with literal values or the pod's namespace. */
function expand(script: string, podNamespace: string, env: readonly EnvVar[]): string {
	const values = new Map<string, string>();
	for (const variable of env) {
		if (variable.value !== undefined) values.set(variable.name, variable.value);
		else if ((variable.valueFrom as {fieldRef?: {fieldPath?: string}} | undefined)?.fieldRef?.fieldPath === 'metadata.namespace') values.set(variable.name, podNamespace);
	}
	return script
		.replace(SA_NAMESPACE, podNamespace)
		.replace(/\$\(([A-Za-z_][A-Za-z0-9_]*)\)|\$\{([A-Za-z_][A-Za-z0-9_]*)\}|\$([A-Za-z_][A-Za-z0-9_]*)/g, (whole, a, b, c) => values.get(a ?? b ?? c) ?? whole);
}

/** What a container's command waits for; undefined when it names no network target. */
export function dependencyWait(command: readonly string[] | undefined, args: readonly string[] | undefined, podNamespace: string, env: readonly EnvVar[] = []): DependencyWait | undefined {
	const script = expand(commandScript(command, args), podNamespace, env);
	const found: Array<{tool: WaitTool; host: string; port?: number}> = [];
	for (const argv of simpleCommands(script)) found.push(...targetsOf(argv));
	for (const match of script.matchAll(DEV_TCP)) found.push({tool: 'dev-tcp', host: match[1]!, port: parsePort(match[2])});
	const seen = new Set<string>();
	const targets: DependencyTarget[] = [];
	for (const target of found) {
		const key = `${target.host}:${target.port ?? ''}`;
		if (seen.has(key) || target.host.includes('$')) continue;
		seen.add(key);
		const service = serviceForHost(target.host, podNamespace);
		targets.push({...target, service, external: !service});
	}
	if (targets.length === 0) return undefined;
	return {targets, loops: LOOPS.test(script), script};
}
