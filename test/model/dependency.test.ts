import {describe, it} from 'node:test';
import assert from 'node:assert/strict';
import {commandScript, dependencyWait, serviceForHost} from '../../source/model/dependency.js';

describe('serviceForHost', () => {
	const cases: Array<[string, {name: string; namespace: string} | undefined]> = [
		['myservice', {name: 'myservice', namespace: 'app'}],
		['mydb.other', {name: 'mydb', namespace: 'other'}],
		['mydb.other.svc', {name: 'mydb', namespace: 'other'}],
		['myservice.default.svc.cluster.local', {name: 'myservice', namespace: 'default'}],
		['myservice.default.svc.corp.example.', {name: 'myservice', namespace: 'default'}],
		['web-0.web.prod.svc.cluster.local', {name: 'web', namespace: 'prod'}],
		['example.com', undefined],
		['db.internal.example.com', undefined],
		['10.0.0.12', undefined],
		['localhost', undefined],
		['Not_A_Name', undefined],
	];
	for (const [host, expected] of cases) {
		it(`${host} → ${expected ? `${expected.namespace}/${expected.name}` : 'not a Service'}`, () => {
			assert.deepEqual(serviceForHost(host, 'app'), expected);
		});
	}
});

describe('commandScript', () => {
	it('takes the script of sh -c', () => assert.equal(commandScript(['sh', '-c', 'until nslookup a; do sleep 2; done'], undefined), 'until nslookup a; do sleep 2; done'));
	it('takes the script from args when command is the shell', () => assert.equal(commandScript(['/bin/bash', '-ec'], ['echo hi']), 'echo hi'));
	it('joins a plain argv', () => assert.equal(commandScript(['/setup.sh'], ['--fast']), '/setup.sh --fast'));
});

describe('dependencyWait', () => {
	const cases: Array<{name: string; command: string[]; hosts: Array<[string, number | undefined, string | undefined]>; loops: boolean}> = [
		{name: 'the article: until nslookup', command: ['sh', '-c', 'until nslookup myservice.default.svc.cluster.local; do echo waiting for myservice; sleep 2; done'], hosts: [['myservice.default.svc.cluster.local', undefined, 'default/myservice']], loops: true},
		{name: 'k8s docs: namespace from the service-account file', command: ['sh', '-c', 'until nslookup myservice.$(cat /var/run/secrets/kubernetes.io/serviceaccount/namespace).svc.cluster.local; do echo waiting; sleep 2; done'], hosts: [['myservice.shop.svc.cluster.local', undefined, 'shop/myservice']], loops: true},
		{name: 'nc -z host port', command: ['sh', '-c', 'until nc -z -w 2 postgres 5432; do sleep 1; done'], hosts: [['postgres', 5432, 'shop/postgres']], loops: true},
		{name: 'wget loop', command: ['sh', '-c', 'while ! wget -q -O- http://api.backend:8080/healthz; do sleep 5; done'], hosts: [['api.backend', 8080, 'backend/api']], loops: true},
		{name: 'curl with --retry', command: ['curl', '--retry', '10', '-sf', 'https://auth.svc.example.org/ready'], hosts: [['auth.svc.example.org', undefined, undefined]], loops: true},
		{name: 'pg_isready -h -p', command: ['sh', '-c', 'until pg_isready -h db.data.svc.cluster.local -p 5432; do sleep 2; done'], hosts: [['db.data.svc.cluster.local', 5432, 'data/db']], loops: true},
		{name: 'bash /dev/tcp', command: ['bash', '-c', 'until (echo > /dev/tcp/redis/6379) 2>/dev/null; do sleep 1; done'], hosts: [['redis', 6379, 'shop/redis']], loops: true},
		{name: 'two targets, && chain', command: ['sh', '-c', 'until nslookup mydb && nc -z cache 11211; do sleep 2; done'], hosts: [['mydb', undefined, 'shop/mydb'], ['cache', 11211, 'shop/cache']], loops: true},
		{name: 'an IP is external', command: ['sh', '-c', 'until nc -z 10.0.0.5 3306; do sleep 1; done'], hosts: [['10.0.0.5', 3306, undefined]], loops: true},
	];
	for (const c of cases) {
		it(c.name, () => {
			const wait = dependencyWait(c.command, undefined, 'shop');
			assert.ok(wait, 'a wait is found');
			assert.deepEqual(wait.targets.map(t => [t.host, t.port, t.service ? `${t.service.namespace}/${t.service.name}` : undefined]), c.hosts);
			assert.equal(wait.loops, c.loops);
		});
	}
	it('expands env vars with literal values and the pod namespace', () => {
		const wait = dependencyWait(['sh', '-c', 'until nslookup $SVC.$NS.svc.cluster.local; do sleep 2; done'], undefined, 'shop', [{name: 'SVC', value: 'orders'}, {name: 'NS', valueFrom: {fieldRef: {fieldPath: 'metadata.namespace'}}}]);
		assert.deepEqual(wait?.targets[0]?.service, {name: 'orders', namespace: 'shop'});
	});
	it('skips hosts it cannot know (unexpanded variables)', () => {
		assert.equal(dependencyWait(['sh', '-c', 'until nc -z $DB_HOST 5432; do sleep 1; done'], undefined, 'shop'), undefined);
	});
	it('finds nothing in a command that waits for nothing', () => {
		assert.equal(dependencyWait(['sh', '-c', 'chown -R 1000:1000 /data'], undefined, 'shop'), undefined);
		assert.equal(dependencyWait(['sh', '-c', 'hello.sh'], undefined, 'shop'), undefined);
	});
});
