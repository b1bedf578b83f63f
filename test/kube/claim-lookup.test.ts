// The PVC read of the facts plan (issue 18) over real HTTP: GET only (closeTestSession proves it),
// the claim as the demo server stores it, its StorageClass while Pending, and a 403 said as such.
import assert from 'node:assert/strict';
import {afterEach, beforeEach, test} from 'node:test';
import type {DemoCluster} from '../../demo/index.js';
import type {StoredObject} from '../../demo/store.js';
import {lookUpClaim} from '../../source/facts/read.js';
import type {ClusterSession} from '../../source/kube/types.js';
import {closeTestSession, openTestSession} from './helpers.js';

let demo: DemoCluster;
let session: ClusterSession;

beforeEach(async () => {
	({demo, session} = await openTestSession());
	demo.store.create('storageclasses', {metadata: {name: 'gp3'}, provisioner: 'ebs.csi.aws.com', volumeBindingMode: 'WaitForFirstConsumer'} as StoredObject);
});

afterEach(async () => {
	await closeTestSession(demo, session);
});

function claim(name: string, spec: object, status: object): void {
	demo.store.create('persistentvolumeclaims', {metadata: {name, namespace: 'db'}, spec: {accessModes: ['ReadWriteOnce'], ...spec}, status} as StoredObject);
}

test('a claim the server does not have is missing', async () => {
	assert.deepEqual(await lookUpClaim(session, {namespace: 'default', name: 'data-postgres-0'}), {exists: false});
});

test('a Pending claim without a StorageClass: no class to read', async () => {
	claim('data', {}, {phase: 'Pending'});
	assert.deepEqual(await lookUpClaim(session, {namespace: 'db', name: 'data'}), {exists: true, phase: 'Pending', accessModes: ['ReadWriteOnce']});
});

test('a Pending claim: its StorageClass is read, missing or with its provisioner and binding mode', async () => {
	claim('cache', {storageClassName: 'fast-ssd'}, {phase: 'Pending'});
	claim('logs', {storageClassName: 'gp3'}, {phase: 'Pending'});
	assert.deepEqual(await lookUpClaim(session, {namespace: 'db', name: 'cache'}), {exists: true, phase: 'Pending', accessModes: ['ReadWriteOnce'], storageClassName: 'fast-ssd', storageClass: {exists: false}});
	assert.deepEqual(await lookUpClaim(session, {namespace: 'db', name: 'logs'}), {exists: true, phase: 'Pending', accessModes: ['ReadWriteOnce'], storageClassName: 'gp3', storageClass: {exists: true, provisioner: 'ebs.csi.aws.com', bindingMode: 'WaitForFirstConsumer'}});
});

test('a Bound claim: its volume, no class lookup', async () => {
	claim('shared', {storageClassName: 'gp3', volumeName: 'pvc-1'}, {phase: 'Bound'});
	assert.deepEqual(await lookUpClaim(session, {namespace: 'db', name: 'shared'}), {exists: true, phase: 'Bound', accessModes: ['ReadWriteOnce'], storageClassName: 'gp3', volumeName: 'pvc-1'});
});

test('RBAC forbids the namespace: the 403 is kept as forbidden, with the server\'s message', async () => {
	claim('data', {}, {phase: 'Pending'});
	demo.faults.restrictNamespaces(['default']);
	const lookup = await lookUpClaim(session, {namespace: 'db', name: 'data'});
	assert.ok('error' in lookup && lookup.forbidden, JSON.stringify(lookup));
	assert.match(lookup.error, /persistentvolumeclaims "data" is forbidden: User "demo" cannot get resource "persistentvolumeclaims" in API group "" in the namespace "db"/);
});
