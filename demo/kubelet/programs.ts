// What a simulated container does: its "program". Scenarios give programs keyed by container
// name; for any other pod (a user's `kubectl create`) the program is read from the command line
// so the common busybox idioms behave as they would in a real cluster.
import type {Container} from '../../source/model/k8s-types.js';

export interface ImagePull {
	/** Seconds the pull takes (the image is then present on the node). */
	seconds?: number;
	sizeBytes?: number;
	/** The registry's error: every pull attempt fails with it (ErrImagePull ↔ ImagePullBackOff). */
	error?: string;
}

export interface DependencyWait {
	/** The Service the `until nslookup <service>…` loop waits for (in the pod's namespace). */
	service: string;
	/** Seconds between lookups (the loop's `sleep 2`). */
	every?: number;
	/** What each failed attempt logs when the loop is not nslookup's (default: busybox nslookup's lines). */
	waitingLines?: string[];
}

export interface ContainerProgram {
	/** Lines the instance writes when it starts. */
	logs?: string[];
	/** Lines written later in the run (`echo` after a `sleep`). */
	logsAt?: Array<{after: number; lines: string[]}>;
	/** Lines written every `every` seconds while it runs. */
	repeat?: {every: number; lines: string[]};
	/** Seconds until the process exits; absent = runs until stopped. */
	runSeconds?: number;
	/** Exit code when it exits (default 0). */
	exitCode?: number;
	/** The memory limit is hit at `runSeconds`: terminated OOMKilled, exit 137. */
	oomKilled?: boolean;
	waitFor?: DependencyWait;
	/**
	 * KEY=value files it writes when it starts (absolute paths in the container): the env files
	 * other containers read with fileKeyRef when the path is in an emptyDir volume it mounts.
	 */
	writes?: EnvFileWrite[];
	/** The image's STOPSIGNAL (absent: SIGTERM); lifecycle.stopSignal overrides it. */
	stopSignal?: string;
	/**
	 * How it reacts when the kubelet stops it: these lines, then it dies of the stop signal (exit
	 * 128+N). Absent: it ignores the signal (a shell as PID 1) and is killed after the grace period (137).
	 */
	onStop?: {logs?: string[]};
	/** Absent: the image is already present on the node unless the kubelet has never seen it. */
	image?: ImagePull;
}

export interface EnvFileWrite {
	path: string;
	/** The keys it writes (one KEY=value line each); an empty list leaves an empty file. */
	keys: string[];
}

export type PodPrograms = Readonly<Record<string, ContainerProgram>>;

/** busybox applets and shell builtins a `sh -c WORD` can run; anything else is "not found". */
const KNOWN_COMMANDS = new Set([
	'echo', 'sleep', 'true', 'false', 'exit', 'cat', 'ls', 'sh', 'nslookup', 'wget', 'chown', 'chmod',
	'mkdir', 'cp', 'mv', 'rm', 'env', 'date', 'touch', 'until', 'while', 'for', 'if', 'set', 'export',
	'test', '[', 'nc', 'ping', 'tail', 'head', 'grep', 'sed', 'awk', 'id', 'whoami', 'printf', 'tee',
]);

const NSLOOKUP = /until\s+nslookup\s+([a-z0-9]([-a-z0-9]*[a-z0-9])?)[.\s;]/;

function shellScript(container: Container): string {
	return [...(container.command ?? []), ...(container.args ?? [])].join(' ');
}

function unquote(text: string): string {
	const trimmed = text.trim();
	const quoted = /^(['"])(.*)\1$/.exec(trimmed);
	return quoted ? quoted[2] : trimmed;
}

/** A program read from the container's command line (good enough for the usual init idioms). */
export function inferProgram(container: Container, init: boolean): ContainerProgram {
	const script = shellScript(container);
	const wait = NSLOOKUP.exec(script);
	if (wait) return {waitFor: {service: wait[1]}};
	if (script.trim() === '') return init ? {runSeconds: 1} : {};

	const body = /(?:^|\s)-c\s+(.*)$/s.exec(script)?.[1];
	// Not a shell script (an image's own binary): it simply runs (init containers finish).
	if (body === undefined) return init ? {runSeconds: 1} : {};
	const steps = unquote(body).split(/\s*(?:&&|;|\n)\s*/).filter(Boolean);
	const program: ContainerProgram = {logs: []};
	let runSeconds: number | undefined = 0;
	for (const step of steps) {
		const [word = '', ...rest] = step.split(/\s+/);
		const redirect = word === 'echo' ? /^(.*?)\s*(>>?)\s*(\/\S+)$/.exec(rest.join(' ')) : null;
		if (redirect) {
			// `echo 'KEY=value' > /data/app.env`: a line of a file, not of the log.
			const key = /^([^=\s#]+)=/.exec(unquote(redirect[1]!))?.[1];
			const writes = (program.writes ??= []);
			let file = writes.find(write => write.path === redirect[3]);
			if (!file) writes.push((file = {path: redirect[3]!, keys: []}));
			if (redirect[2] === '>') file.keys = [];
			if (key) file.keys.push(key);
		} else if (word === 'echo') {
			const line = unquote(rest.join(' '));
			if (!runSeconds) program.logs!.push(line);
			else if (program.logsAt?.[program.logsAt.length - 1]?.after === runSeconds) program.logsAt[program.logsAt.length - 1].lines.push(line);
			else (program.logsAt ??= []).push({after: runSeconds, lines: [line]});
		} else if (word === 'sleep') {
			const seconds = Number(rest[0]);
			runSeconds = Number.isFinite(seconds) && runSeconds !== undefined ? runSeconds + seconds : undefined;
		} else if (word === 'while' || (word === 'tail' && rest.includes('-f'))) {
			runSeconds = undefined;
		} else if (word === 'exit') {
			program.exitCode = Number(rest[0]) || 0;
			break;
		} else if (!KNOWN_COMMANDS.has(word) && !word.startsWith('/') && !word.includes('=')) {
			program.logs!.push(`sh: ${word}: not found`);
			program.exitCode = 127;
			break;
		}
	}
	program.runSeconds = runSeconds === undefined ? undefined : Math.max(runSeconds, 0.5);
	return program;
}
