import {test} from 'node:test';
import assert from 'node:assert/strict';
import {parseCommand as parse} from '../../source/hooks/commands.js';
import {viewOfCommand} from '../../source/views/key-tables.js';

const parseCommand = (text: string) => parse(text, viewOfCommand);

test('the : commands', () => {
	assert.deepEqual(parseCommand(''), {kind: 'none'});
	assert.deepEqual(parseCommand('q'), {kind: 'quit'});
	assert.deepEqual(parseCommand('quit'), {kind: 'quit'});
	assert.deepEqual(parseCommand('ns'), {kind: 'namespace-picker'});
	assert.deepEqual(parseCommand(' ns  kube-system '), {kind: 'namespace', name: 'kube-system'});
	assert.deepEqual(parseCommand('ns all'), {kind: 'namespace', name: undefined});
	assert.deepEqual(parseCommand('ctx'), {kind: 'context-picker'});
	assert.deepEqual(parseCommand('ctx prod'), {kind: 'context', name: 'prod'});
	assert.deepEqual(parseCommand('pods'), {kind: 'screen', view: 'pods'});
	assert.deepEqual(parseCommand('po web'), {kind: 'namespace', name: 'web'});
	assert.deepEqual(parseCommand('help'), {kind: 'screen', view: 'help'});
	assert.deepEqual(parseCommand('causes'), {kind: 'screen', view: 'causes'});
	assert.deepEqual(parseCommand('cs'), {kind: 'screen', view: 'causes'});
	assert.deepEqual(parseCommand('causes shop'), {kind: 'error', message: ':causes takes no argument (use :ns first)'});
	assert.deepEqual(parseCommand('deploy'), {kind: 'workloads', workloads: 'Deployment'});
	assert.deepEqual(parseCommand('sts'), {kind: 'workloads', workloads: 'StatefulSet'});
	assert.deepEqual(parseCommand('ds'), {kind: 'workloads', workloads: 'DaemonSet'});
	assert.deepEqual(parseCommand('jobs'), {kind: 'workloads', workloads: 'Job'});
	assert.deepEqual(parseCommand('workloads'), {kind: 'workloads', workloads: 'all'});
	assert.equal(parseCommand('deploy api').kind, 'error');
	assert.equal(parseCommand('svc').kind, 'error');
	assert.deepEqual(parseCommand('reconnect'), {kind: 'reconnect'});
	assert.deepEqual(parseCommand(':rc'), {kind: 'reconnect'});
	assert.deepEqual(parseCommand('reconnect now'), {kind: 'error', message: ':reconnect takes no argument'});
	assert.equal(parseCommand('ns a b').kind, 'error');
});
