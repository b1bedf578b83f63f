import {test} from 'node:test';
import assert from 'node:assert/strict';
import type {PodHealth, PodSummary} from '../../source/model/pod-health.js';
import {compileFilter, matchesFilter, selectedIndexFor, selectRows, type RowOptions} from '../../source/model/pod-rows.js';
import {narrows, updateSelection, type RowSelection, type SummarySource} from '../../source/model/row-selection.js';

const HEALTHS: PodHealth[] = ['healthy', 'initializing', 'stuck', 'init-failing', 'app-failing', 'pending', 'completed'];

function pod(name: string, fields: Partial<PodSummary> = {}): PodSummary {
	return {
		uid: `uid-${name}`, name, namespace: 'default', ready: '1/1', status: 'Running', restarts: '0', age: '1m', ip: '', node: '', nominatedNode: '', readinessGates: '',
		health: 'healthy', symbol: '●', initDone: 0, initTotal: 0, progress: '', restartCount: 0, createdAt: 0, initCause: false, ...fields,
	} as PodSummary;
}

test('a filter narrows another only when every text it matches, the other matches too', () => {
	const f = (text: string) => compileFilter(text).filter;
	const cases: Array<[string, string, boolean]> = [
		['', 'c', true],
		['c', 'ca', true],
		['ca', 'cart-', true],
		['art', 'CART', true],
		['cart', 'car', false],
		['c', '', false],
		['a', 'a*', false],
		['a', 'a|b', false],
		['a.', 'a.b', false],
		['', '', true],
	];
	for (const [before, after, expected] of cases) assert.equal(narrows(f(before), f(after)), expected, `${before} → ${after}`);
});

/** A small deterministic random source (the same sequence every run). */
function random(seed: number): () => number {
	let state = seed;
	return () => ((state = (state * 1103515245 + 12345) % 2147483648) / 2147483648);
}

test('the filter matches namespace/name with all namespaces, the name alone in one namespace', () => {
	const pods = [pod('api-7d9f', {namespace: 'shop'}), pod('cart-0', {namespace: 'payments'}), pod('shop-db-0', {namespace: 'data'})];
	// Literal filters without a slash are tested on the namespace and the name apart: the same answers.
	const filters = ['api', 'shop', 'SHOP', 'p/a', 'shop/api', 'ts/c', '^shop', 'a/c', 'db-0$', '-', 'ments', 'zzz', 'p.a', 'p|c'];
	for (const text of filters) {
		const filter = compileFilter(text).filter!;
		for (const summary of pods) {
			const all = matchesFilter(summary, {filter, allNamespaces: true, initOnly: false, sort: {key: 'name', descending: false}});
			assert.equal(all, new RegExp(text, 'i').test(`${summary.namespace}/${summary.name}`), `${text} on ${summary.namespace}/${summary.name}`);
			const one = matchesFilter(summary, {filter, allNamespaces: false, initOnly: false, sort: {key: 'name', descending: false}});
			assert.equal(one, new RegExp(text, 'i').test(summary.name), `${text} on ${summary.name} alone`);
		}
	}
});

test('rows kept up to date from changes and typed filters are exactly a full selection', () => {
	const next = random(7);
	const pick = <T>(items: readonly T[]) => items[Math.floor(next() * items.length)]!;
	let serial = 0;
	const make = (uid?: string, name?: string) => {
		serial++;
		const id = uid ?? `u${serial}`;
		return pod(name ?? `${pick(['cart', 'web', 'db', 'pay'])}-${Math.floor(next() * 50)}`, {
			uid: id,
			namespace: pick(['alpha', 'beta', 'gamma']),
			health: pick(HEALTHS),
			status: pick(['Running', 'Init:0/2', 'Pending', 'Init:Error']),
			createdAt: Math.floor(next() * 100),
			initCause: next() < 0.1,
		});
	};
	let current = new Map<string, PodSummary>();
	for (let i = 0; i < 2000; i++) {
		const summary = make();
		current.set(summary.uid, summary);
	}
	const log: string[] = [...current.keys()];
	/** Changes before this position are no longer kept. */
	let kept = 0;
	const source: SummarySource = {changedSince: version => (version < kept ? undefined : log.slice(version)), summaryOf: uid => current.get(uid)};
	const filters = ['', 'c', 'ca', 'car', 'cart', 'cart-1', 'a', 'alpha/', 'b|w', 'e'];
	let selection: RowSelection | undefined;
	let summaries = [...current.values()];
	let options: RowOptions = {initOnly: false, sort: {key: 'name', descending: false}, allNamespaces: true};
	for (let step = 0; step < 400; step++) {
		const roll = next();
		if (roll < 0.5) {
			// A refresh: some pods change, some come, some go.
			// Mostly a few (placed one by one), sometimes many (merged in one pass).
			for (let i = Math.floor(next() * (next() < 0.2 ? 450 : 8)); i > 0; i--) {
				const kind = next();
				const uids = [...current.keys()];
				if (kind < 0.3 && uids.length > 0) {
					// A new summary that sorts where the old one did (a clock tick's re-summary).
					const before = current.get(pick(uids))!;
					const after = {...before, restarts: String(serial++)};
					current.set(after.uid, after);
					log.push(after.uid);
				} else if (kind < 0.6 && uids.length > 0) {
					const before = current.get(pick(uids))!;
					const after = make(before.uid, next() < 0.5 ? before.name : undefined);
					current.set(after.uid, after);
					log.push(after.uid);
				} else if (kind < 0.8 && uids.length > 0) {
					const uid = pick(uids);
					current.delete(uid);
					log.push(uid);
				} else {
					const after = make();
					current.set(after.uid, after);
					log.push(after.uid);
				}
			}
			// Sometimes the log is lost (the feed kept too little): a full pass.
			if (next() < 0.05) kept = log.length;
			summaries = [...current.values()];
			current = new Map(current);
			// A key typed in the same frame as the refresh.
			if (next() < 0.3) options = {...options, filter: compileFilter(pick(filters)).filter};
		} else if (roll < 0.8) {
			options = {...options, filter: compileFilter(pick(filters)).filter};
		} else if (roll < 0.9) {
			options = {...options, sort: {key: pick(['name', 'age', 'status'] as const), descending: next() < 0.5}};
		} else {
			options = {...options, initOnly: next() < 0.5, allNamespaces: next() < 0.5};
		}
		selection = updateSelection(selection, summaries, log.length, options, source);
		assert.deepEqual(selection.rows.map(row => row.uid), selectRows(summaries, options).map(row => row.uid), `step ${step}`);
	}
});

test('pods of the same name (deleted and created again) sort by uid, however the rows were made', () => {
	const old = pod('web', {uid: 'b'});
	const again = pod('web', {uid: 'a'});
	const log = ['b', 'a'];
	const source: SummarySource = {changedSince: version => log.slice(version), summaryOf: uid => [old, again].find(pod => pod.uid === uid)};
	const empty = updateSelection(undefined, [old], 1, {initOnly: false, sort: {key: 'name', descending: false}, allNamespaces: false}, source);
	const both = updateSelection(empty, [old, again], 2, empty.options, source);
	assert.deepEqual(both.rows.map(row => row.uid), ['a', 'b']);
	assert.deepEqual(selectRows([old, again], empty.options).map(row => row.uid), ['a', 'b']);
});

test('the selected pod is found near its last row, or anywhere', () => {
	const rows = Array.from({length: 500}, (_, index) => pod(`p${String(index).padStart(3, '0')}`));
	assert.equal(selectedIndexFor(rows, 'uid-p100', 100), 100);
	assert.equal(selectedIndexFor(rows, 'uid-p090', 100), 90);
	assert.equal(selectedIndexFor(rows, 'uid-p110', 100), 110);
	assert.equal(selectedIndexFor(rows, 'uid-p499', 0), 499);
	assert.equal(selectedIndexFor(rows, 'uid-p000', 499), 0);
	assert.equal(selectedIndexFor(rows, 'uid-gone', 600), 499);
});
