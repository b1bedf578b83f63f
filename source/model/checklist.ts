// The article's side-effect checklist, made concrete for one pod: only the steps that apply,
// each with the evidence already gathered from the spec, the status, events and app logs, and
// a question for the user. Steps the evidence decides on its own come pre-marked with the why.
import type {KubeEvent, Pod} from './k8s-types.js';
import {bisectPlan, type BisectPlan} from './bisect.js';
import {envFileFailure, envFileRefs, envFileText, refsBlamed, type EnvFileRef} from './env-files.js';
import {networkChanges, permissionChanges, runsAs, sharedVolumes, type PermissionChange} from './init-effects.js';

export type StepId = 'env-files' | 'shared-volumes' | 'ownership' | 'network' | 'why-init' | 'start-conditions' | 'image-security' | 'bisect';
export type Verdict = 'passed' | 'failed' | 'skipped';

export interface ChecklistStep {
	id: StepId;
	title: string;
	evidence: string[];
	question: string;
	/** Decided by the evidence alone. */
	preset?: {verdict: Verdict; why: string};
}

export interface ChecklistInput {
	pod: Pod;
	events: readonly KubeEvent[];
	/** Recent log lines of app containers (current or previous instance), by container name. */
	appLogs?: Readonly<Record<string, readonly string[]>>;
	/** Pod template of the owning controller, when there is one. */
	bisect?: BisectPlan;
}

export interface Checklist {
	steps: ChecklistStep[];
	bisect: BisectPlan;
}

const PERMISSION_TROUBLE = /permission denied|read-only file system|operation not permitted|EACCES|EPERM|EROFS/i;

export function buildChecklist(input: ChecklistInput): Checklist {
	const {pod} = input;
	const inits = pod.spec.initContainers ?? [];
	const plan = input.bisect ?? bisectPlan(pod);
	const steps: ChecklistStep[] = [];
	const troubleLines = permissionTrouble(input);

	const envFiles = envFileRefs(pod);
	if (envFiles.length > 0) steps.push(envFileStep(pod, envFiles));

	const shared = sharedVolumes(pod);
	if (shared.length > 0) {
		steps.push({
			id: 'shared-volumes',
			title: 'Volumes the init containers share with the app',
			evidence: shared.map(s => `${s.initContainer} mounts ${s.volume} (${s.type}) at ${s.initMountPath} ${s.initReadOnly ? 'read-only' : 'read-write'}; ${s.appContainer} mounts it at ${s.appMountPath}${s.appReadOnly ? ' read-only' : ''}`),
			question: 'What does each init container leave on these volumes, and does the app expect exactly that (files, owners, modes)?',
		});
	}

	const permissions = permissionChanges(pod);
	if (permissions.length > 0 || troubleLines.length > 0) steps.push(ownershipStep(input, permissions, troubleLines));

	const network = networkChanges(pod);
	if (network.length > 0) {
		steps.push({
			id: 'network',
			title: 'Network changes made by init containers',
			evidence: [
				...network.map(change => `${change.container}: ${change.what}`),
				'Service-mesh init containers (istio-init, linkerd-init) redirect traffic with iptables; anything else doing so needs a reason.',
			],
			question: 'Why does the init container change the network, and does the app still reach what it needs (DNS, its dependencies, the API server) with these rules in place?',
		});
	}

	if (inits.length > 0) {
		const appImages = pod.spec.containers.map(c => `${c.name}: ${c.image ?? '?'}`);
		steps.push({
			id: 'why-init',
			title: 'Why an init container at all',
			evidence: [
				...inits.map((c, i) => `init ${i + 1}/${inits.length} ${c.name} (${c.image ?? '?'})${c.restartPolicy === 'Always' ? ' [sidecar]' : ''}: ${summarize(c.command, c.args)}`),
				`app: ${appImages.join('; ')}`,
			],
			question: 'Is each init container there to keep the app image unchanged? Would an image change, securityContext (fsGroup, runAsUser) or a ConfigMap do the same more cleanly?',
		});
		steps.push({
			id: 'start-conditions',
			title: 'Start conditions the app relies on',
			evidence: [`The app starts only after ${inits.filter(c => c.restartPolicy !== 'Always').map(c => c.name).join(', ') || 'the sidecars'} finished; restartPolicy ${pod.spec.restartPolicy ?? 'Always'}.`],
			question: 'Does the app have start conditions of its own that depend on what the init containers did (files present, a service reachable, a migration applied)? Do they still hold after a restart of the app container alone?',
		});
		steps.push({
			id: 'image-security',
			title: 'Image security',
			evidence: inits.map(c => `${c.name} runs as ${runsAs(pod, c).description}${c.securityContext?.privileged ? ', privileged' : ''}`),
			question: 'Was an init container added because of an image security concern (running a step as root so the app need not)? Is that step still needed, and is it scoped to the least privilege?',
		});
	}

	if (inits.length > 0) steps.push({
		id: 'bisect',
		title: 'The decisive experiment: without init containers, then one at a time',
		evidence: [
			`From ${plan.source}: ${plan.manifests.length} pod variants in namespace ${plan.namespace} — ${plan.manifests.map(m => m.initContainers.length === 0 ? 'none' : m.initContainers.join('+')).join(' | ')}.`,
			...(plan.dependencies.length > 0 ? [`The scratch namespace needs: ${plan.dependencies.join('; ')}.`] : []),
			...plan.commands.map(command => `$ ${command}`),
		],
		question: 'Does the app start without the init containers? Adding them back one at a time, which variant is the first to fail?',
	});

	return {steps, bisect: plan};
}

/** Env files an init container writes and another container reads (fileKeyRef); failed when a reader cannot be created. */
function envFileStep(pod: Pod, refs: EnvFileRef[]): ChecklistStep {
	const statuses = [...(pod.status?.initContainerStatuses ?? []), ...(pod.status?.containerStatuses ?? [])];
	const blocked = statuses.flatMap(status => {
		const waiting = status.state?.waiting;
		const mine = refs.filter(ref => !ref.optional && ref.container === status.name);
		if (waiting?.reason !== 'CreateContainerConfigError' || mine.length === 0) return [];
		const failure = envFileFailure(waiting.message);
		const missing = failure?.kind === 'unreadable' ? 'missing or unreadable' : 'missing';
		return [`${status.name}: ${refsBlamed(mine, failure).map(ref => `${ref.path} key ${ref.key}`).join(', ')} ${missing}`];
	});
	return {
		id: 'env-files',
		title: 'Env files written by init containers',
		evidence: refs.map(ref => `${ref.container} reads ${envFileText(ref)}; ${ref.writers.length > 0 ? `written by ${ref.writers.join(', ')}` : 'no init container mounts it writable'}`),
		question: 'Does each writer leave the file at that path with every key the readers need (KEY=value lines), on every run?',
		...(blocked.length > 0 ? {preset: {verdict: 'failed' as const, why: `cannot be created (CreateContainerConfigError): ${blocked.join('; ')}`}} : {}),
	};
}

function ownershipStep(input: ChecklistInput, changes: PermissionChange[], troubleLines: string[]): ChecklistStep {
	const {pod} = input;
	const evidence: string[] = [];
	const mismatches: string[] = [];
	const initByName = new Map((pod.spec.initContainers ?? []).map(c => [c.name, c]));
	const fsGroup = pod.spec.securityContext?.fsGroup;

	for (const change of changes) {
		const init = initByName.get(change.container)!;
		const user = runsAs(pod, init);
		evidence.push(`${change.container} runs \`${change.command}\` on ${change.path}${change.volume ? ` (volume ${change.volume})` : ''} as ${user.description}`);
		if ((change.tool === 'chown' || change.tool === 'chgrp') && user.root === false) {
			mismatches.push(`${change.container} changes ownership but does not run as root: the change fails or does nothing`);
		}
		if (!change.volume) continue;
		for (const app of pod.spec.containers) {
			if (!(app.volumeMounts ?? []).some(mount => mount.name === change.volume)) continue;
			const appUser = runsAs(pod, app);
			evidence.push(`${app.name} mounts ${change.volume} and runs as ${appUser.description}${fsGroup !== undefined ? `, fsGroup ${fsGroup}` : ', no fsGroup'}${app.securityContext?.readOnlyRootFilesystem ? ', readOnlyRootFilesystem' : ''}`);
			const owner = change.owner !== undefined && /^\d+$/.test(change.owner) ? Number(change.owner) : undefined;
			if (change.tool === 'chown' && owner !== undefined && appUser.uid !== undefined && appUser.uid !== owner && appUser.uid !== 0) {
				const groupOk = fsGroup !== undefined && change.group !== undefined && Number(change.group) === fsGroup;
				mismatches.push(`${change.container} chowns ${change.path} to ${change.owner}${change.group ? `:${change.group}` : ''}, but ${app.name} runs as uid ${appUser.uid}${groupOk ? ` (only group ${fsGroup} access remains)` : fsGroup === undefined ? ' and the pod has no fsGroup' : ''}`);
			}
		}
	}
	evidence.push(...mismatches.map(m => `MISMATCH: ${m}`));
	evidence.push(...troubleLines);
	const unique = [...new Set(evidence)];

	const failed = mismatches.length > 0 && troubleLines.length > 0;
	return {
		id: 'ownership',
		title: 'Ownership and permissions',
		evidence: unique,
		question: 'Which user does the app need to own these paths, and does the init container (running as which user) really leave them that way?',
		preset: failed
			? {verdict: 'failed', why: `${mismatches[0]}; the app reports it: ${troubleLines[0]!.replace(/^[^:]+: /, '')}`}
			: mismatches.length > 0
				? {verdict: 'failed', why: mismatches[0]!}
				: undefined,
	};
}

function permissionTrouble(input: ChecklistInput): string[] {
	const lines: string[] = [];
	for (const [container, log] of Object.entries(input.appLogs ?? {})) {
		const hit = log.find(line => PERMISSION_TROUBLE.test(line));
		if (hit) lines.push(`${container} log: ${hit.trim()}`);
	}
	for (const event of input.events) {
		if (event.message && PERMISSION_TROUBLE.test(event.message)) lines.push(`event ${event.reason ?? ''}: ${event.message.trim()}`);
	}
	return lines;
}

function summarize(command: string[] | undefined, args: string[] | undefined): string {
	const text = [...(command ?? []), ...(args ?? [])].join(' ');
	if (!text) return '(image entrypoint)';
	return text.length > 120 ? `${text.slice(0, 117)}…` : text;
}
