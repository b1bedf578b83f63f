// The PVC read of the facts plan (issue 18) over real HTTP: GET only, and a claim the server does
// not have is said to be missing. (The demo server serves no PVCs yet, so a 403 cannot be staged
// here; model tests cover how a forbidden read is worded.)
import assert from 'node:assert/strict';
import {afterEach, beforeEach, test} from 'node:test';
import type {DemoCluster} from '../../demo/index.js';
import {lookUpClaim} from '../../source/facts/read.js';
import type {ClusterSession} from '../../source/kube/types.js';
import {closeTestSession, openTestSession} from './helpers.js';

let demo: DemoCluster;
let session: ClusterSession;

beforeEach(async () => {
	({demo, session} = await openTestSession());
});

afterEach(async () => {
	await closeTestSession(demo, session);
});

test('a claim the server does not have is missing', async () => {
	assert.deepEqual(await lookUpClaim(session, {namespace: 'default', name: 'data-postgres-0'}), {exists: false});
});
