// Request bodies in `application/vnd.kubernetes.protobuf`, which kubectl's generator commands
// (`kubectl create deployment|service|configmap|secret|namespace|job …`) send: the `k8s\0`
// envelope around a runtime.Unknown, whose `raw` is the object's message. Decoded to the JSON
// object the rest of the server handles, for the messages those commands fill; fields outside
// this schema are skipped (they are what the generators leave empty).
import {badRequest} from './status.js';

type Scalar = 'string' | 'int' | 'bool' | 'bytes';
/** A field: [json name, type, repeated]. `inline` fields are Go-embedded structs (json inline). */
type Field = [string, Scalar | {message: string} | {map: Scalar | {message: string}} | {inline: string}, boolean?];
type Message = Record<number, Field>;

const msg = (message: string) => ({message});
const objectMeta = msg('ObjectMeta');

/** Field numbers from the Kubernetes API's generated.proto files. */
const schema: Record<string, Message> = {
	Unknown: {1: ['typeMeta', msg('TypeMeta')], 2: ['raw', 'bytes']},
	TypeMeta: {1: ['apiVersion', 'string'], 2: ['kind', 'string']},
	ObjectMeta: {1: ['name', 'string'], 2: ['generateName', 'string'], 3: ['namespace', 'string'], 11: ['labels', {map: 'string'}], 12: ['annotations', {map: 'string'}], 14: ['finalizers', 'string', true]},
	LabelSelector: {1: ['matchLabels', {map: 'string'}], 2: ['matchExpressions', msg('LabelSelectorRequirement'), true]},
	LabelSelectorRequirement: {1: ['key', 'string'], 2: ['operator', 'string'], 3: ['values', 'string', true]},
	IntOrString: {1: ['type', 'int'], 2: ['intVal', 'int'], 3: ['strVal', 'string']},
	Quantity: {1: ['string', 'string']},
	LocalObjectReference: {1: ['name', 'string']},
	Namespace: {1: ['metadata', objectMeta], 2: ['spec', msg('NamespaceSpec')]},
	NamespaceSpec: {1: ['finalizers', 'string', true]},
	ConfigMap: {1: ['metadata', objectMeta], 2: ['data', {map: 'string'}], 3: ['binaryData', {map: 'bytes'}], 4: ['immutable', 'bool']},
	Secret: {1: ['metadata', objectMeta], 2: ['data', {map: 'bytes'}], 3: ['type', 'string'], 4: ['stringData', {map: 'string'}], 5: ['immutable', 'bool']},
	Service: {1: ['metadata', objectMeta], 2: ['spec', msg('ServiceSpec')]},
	ServiceSpec: {1: ['ports', msg('ServicePort'), true], 2: ['selector', {map: 'string'}], 3: ['clusterIP', 'string'], 4: ['type', 'string'], 10: ['externalName', 'string'], 18: ['clusterIPs', 'string', true]},
	ServicePort: {1: ['name', 'string'], 2: ['protocol', 'string'], 3: ['port', 'int'], 4: ['targetPort', msg('IntOrString')], 5: ['nodePort', 'int']},
	PodTemplateSpec: {1: ['metadata', objectMeta], 2: ['spec', msg('PodSpec')]},
	PodSpec: {2: ['containers', msg('Container'), true], 3: ['restartPolicy', 'string'], 4: ['terminationGracePeriodSeconds', 'int'], 6: ['dnsPolicy', 'string'], 7: ['nodeSelector', {map: 'string'}], 8: ['serviceAccountName', 'string'], 10: ['nodeName', 'string'], 16: ['hostname', 'string'], 17: ['subdomain', 'string'], 19: ['schedulerName', 'string'], 20: ['initContainers', msg('Container'), true]},
	Container: {1: ['name', 'string'], 2: ['image', 'string'], 3: ['command', 'string', true], 4: ['args', 'string', true], 5: ['workingDir', 'string'], 6: ['ports', msg('ContainerPort'), true], 7: ['env', msg('EnvVar'), true], 8: ['resources', msg('ResourceRequirements')], 13: ['terminationMessagePath', 'string'], 14: ['imagePullPolicy', 'string'], 20: ['terminationMessagePolicy', 'string']},
	ContainerPort: {1: ['name', 'string'], 3: ['containerPort', 'int'], 4: ['protocol', 'string']},
	EnvVar: {1: ['name', 'string'], 2: ['value', 'string']},
	ResourceRequirements: {1: ['limits', {map: msg('Quantity')}], 2: ['requests', {map: msg('Quantity')}]},
	Deployment: {1: ['metadata', objectMeta], 2: ['spec', msg('DeploymentSpec')]},
	DeploymentSpec: {1: ['replicas', 'int'], 2: ['selector', msg('LabelSelector')], 3: ['template', msg('PodTemplateSpec')], 4: ['strategy', msg('DeploymentStrategy')], 5: ['minReadySeconds', 'int'], 6: ['revisionHistoryLimit', 'int'], 7: ['paused', 'bool'], 9: ['progressDeadlineSeconds', 'int']},
	DeploymentStrategy: {1: ['type', 'string'], 2: ['rollingUpdate', msg('RollingUpdateDeployment')]},
	RollingUpdateDeployment: {1: ['maxUnavailable', msg('IntOrString')], 2: ['maxSurge', msg('IntOrString')]},
	Job: {1: ['metadata', objectMeta], 2: ['spec', msg('JobSpec')]},
	JobSpec: {1: ['parallelism', 'int'], 2: ['completions', 'int'], 3: ['activeDeadlineSeconds', 'int'], 4: ['selector', msg('LabelSelector')], 5: ['manualSelector', 'bool'], 6: ['template', msg('PodTemplateSpec')], 7: ['backoffLimit', 'int'], 10: ['suspend', 'bool']},
};

/** Fields whose zero value means "set to zero" (pointers in Go); other zeros, '' and false are unset. */
const keepZero = new Set(['DeploymentSpec.replicas', 'JobSpec.parallelism', 'JobSpec.completions', 'JobSpec.backoffLimit', 'IntOrString.type', 'IntOrString.intVal']);

class Reader {
	offset = 0;
	constructor(readonly bytes: Uint8Array) {}

	get done(): boolean {
		return this.offset >= this.bytes.length;
	}

	varint(): number {
		let result = 0;
		let shift = 0;
		for (;;) {
			if (this.offset >= this.bytes.length) throw badRequest('protobuf: unexpected end of varint');
			const byte = this.bytes[this.offset++]!;
			result += (byte & 0x7f) * 2 ** shift;
			if ((byte & 0x80) === 0) return result;
			shift += 7;
		}
	}

	chunk(): Uint8Array {
		const length = this.varint();
		if (this.offset + length > this.bytes.length) throw badRequest('protobuf: length beyond the message');
		const chunk = this.bytes.subarray(this.offset, this.offset + length);
		this.offset += length;
		return chunk;
	}

	skip(wireType: number): void {
		if (wireType === 0) this.varint();
		else if (wireType === 1) this.offset += 8;
		else if (wireType === 2) this.chunk();
		else if (wireType === 5) this.offset += 4;
		else throw badRequest(`protobuf: unsupported wire type ${wireType}`);
	}
}

function scalar(type: Scalar, reader: Reader, wireType: number): unknown {
	if (type === 'string') return Buffer.from(reader.chunk()).toString('utf8');
	if (type === 'bytes') return Buffer.from(reader.chunk()).toString('base64');
	if (wireType !== 0) throw badRequest('protobuf: expected a varint');
	const value = reader.varint();
	return type === 'bool' ? value !== 0 : value;
}

function value(type: Field[1], reader: Reader, wireType: number): unknown {
	if (typeof type === 'string') return scalar(type, reader, wireType);
	if ('message' in type) return decodeMessage(type.message, reader.chunk());
	if ('inline' in type) return decodeMessage(type.inline, reader.chunk());
	// A map entry: key = 1, value = 2.
	const entry = new Reader(reader.chunk());
	let key = '';
	let item: unknown;
	while (!entry.done) {
		const tag = entry.varint();
		if (tag >>> 3 === 1) key = Buffer.from(entry.chunk()).toString('utf8');
		else if (tag >>> 3 === 2) item = value(type.map, entry, tag & 7);
		else entry.skip(tag & 7);
	}
	return [key, item];
}

const isEmpty = (v: unknown) => v === '' || v === false || v === undefined || (typeof v === 'object' && v !== null && Object.keys(v).length === 0);

function decodeMessage(name: string, bytes: Uint8Array): unknown {
	const fields = schema[name]!;
	const reader = new Reader(bytes);
	const out: Record<string, unknown> = {};
	while (!reader.done) {
		const tag = reader.varint();
		const field = fields[tag >>> 3];
		if (!field) {
			reader.skip(tag & 7);
			continue;
		}
		const [key, type, repeated] = field;
		const decoded = value(type, reader, tag & 7);
		if (typeof type === 'object' && 'map' in type) {
			const [mapKey, mapValue] = decoded as [string, unknown];
			out[key] = {...(out[key] as object | undefined), [mapKey]: mapValue ?? ''};
		} else if (typeof type === 'object' && 'inline' in type) {
			Object.assign(out, decoded);
		} else if (repeated) {
			(out[key] = (out[key] as unknown[] | undefined) ?? []) as unknown[];
			(out[key] as unknown[]).push(decoded);
		} else if (!isEmpty(decoded) && (decoded !== 0 || keepZero.has(`${name}.${key}`))) {
			out[key] = decoded;
		}
	}
	if (name === 'IntOrString') return out.type === 1 ? (out.strVal ?? '') : (out.intVal ?? 0);
	if (name === 'Quantity') return out.string ?? '0';
	return out;
}

const MAGIC = Buffer.from('k8s\u0000', 'latin1');

export const isProtobuf = (contentType: string | undefined) => !!contentType && contentType.startsWith('application/vnd.kubernetes.protobuf');

/** The JSON object of a protobuf request body; 415 for a kind outside the schema. */
export function decodeProtobuf(body: Buffer): Record<string, unknown> {
	if (!body.subarray(0, 4).equals(MAGIC)) throw badRequest('protobuf: missing the k8s envelope');
	const unknown = decodeMessage('Unknown', body.subarray(4)) as {typeMeta?: {apiVersion?: string; kind?: string}; raw?: string};
	const kind = unknown.typeMeta?.kind ?? '';
	if (!schema[kind] || !('metadata' in Object.fromEntries(Object.values(schema[kind]!).map(f => [f[0], true])))) {
		throw badRequest(`the demo cannot decode a protobuf ${kind || 'object'}: send it as JSON (kubectl apply -f / create -f)`);
	}
	const object = decodeMessage(kind, Buffer.from(unknown.raw ?? '', 'base64')) as Record<string, unknown>;
	return {apiVersion: unknown.typeMeta?.apiVersion, kind, ...object};
}
