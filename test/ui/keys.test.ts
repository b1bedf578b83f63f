// Keys as data: every key a screen lists reaches its action, no key is listed twice, no screen
// handles a key outside its table, and the README's key tables are the declared ones.
import {test} from 'node:test';
import assert from 'node:assert/strict';
import {readdirSync, readFileSync, statSync} from 'node:fs';
import {join} from 'node:path';
import {actionOf, duplicateKeys} from '../../source/input/actions.js';
import {KeyDispatcher} from '../../source/input/dispatcher.js';
import {keyName, keyOf, splitKeys, type KeyPress} from '../../source/input/keys.js';
import {GLOBAL_TABLE, KEY_TABLES} from '../../source/views/key-tables.js';
import {keysMarkdown, README_END, README_START} from '../../source/views/keys-markdown.js';

/** The key press a terminal sends for a key name (as the harness types it). */
const SEQUENCES: Record<string, string> = {
	Enter: '\r', Esc: '\u001B', Tab: '\t', 'Shift-Tab': '\u001B[Z', Space: ' ', Backspace: '\u007F',
	'↑': '\u001B[A', '↓': '\u001B[B', '→': '\u001B[C', '←': '\u001B[D', PgUp: '\u001B[5~', PgDn: '\u001B[6~', Home: '\u001B[H', End: '\u001B[F',
};

const EMPTY: KeyPress['key'] = keyOf('x').key;

/** The press Ink would report for a key name. */
function pressOf(name: string): KeyPress {
	const control = /^Ctrl-([A-Z])$/.exec(name);
	if (control) return keyOf(String.fromCharCode(control[1]!.charCodeAt(0) - 64));
	const flags: Record<string, Partial<KeyPress['key']>> = {
		'↑': {upArrow: true}, '↓': {downArrow: true}, '←': {leftArrow: true}, '→': {rightArrow: true}, PgUp: {pageUp: true}, PgDn: {pageDown: true},
		Home: {home: true}, End: {end: true}, 'Shift-Tab': {tab: true, shift: true},
	};
	if (flags[name]) return {input: '', key: {...EMPTY, ...flags[name]}};
	if (SEQUENCES[name] && name !== 'Shift-Tab') return keyOf(SEQUENCES[name]!);
	assert.equal([...name].length, 1, `"${name}" is not a key name keyName() can give`);
	return keyOf(name);
}

const tables = [...Object.entries(KEY_TABLES), ['global', GLOBAL_TABLE] as const];

test('every listed key is a key a terminal can send, and reaches its action', () => {
	for (const [screen, {actions}] of tables) {
		for (const [id, spec] of Object.entries(actions)) {
			assert.ok(spec.keys.length > 0, `${screen}.${id} has no key`);
			assert.ok(spec.description.length > 0, `${screen}.${id} has no description`);
			for (const name of spec.keys) {
				const press = pressOf(name);
				assert.equal(keyName(press), name, `${screen}.${id}: ${name}`);
				assert.equal(actionOf(actions, press)?.id, id, `${screen}: ${name} runs ${id}`);
			}
		}
	}
});

test('no key is listed twice on a screen; screen keys shadow global ones only where meant', () => {
	const shadowing = new Set(['Esc', '?']);
	const global = new Set(Object.values(GLOBAL_TABLE.actions).flatMap(spec => spec.keys));
	for (const [screen, {actions}] of tables) {
		assert.deepEqual(duplicateKeys(actions), [], screen);
		if (screen === 'global') continue;
		for (const spec of Object.values(actions)) for (const key of spec.keys) if (global.has(key)) assert.ok(shadowing.has(key), `${screen} takes the global key ${key}`);
	}
});

test('no screen handles a key outside its action table (only source/input and the pickers read raw keys)', () => {
	const raw = /\binput === '|\bkey\.(return|escape|upArrow|downArrow|leftArrow|rightArrow|pageUp|pageDown|home|end|tab|backspace|delete)\b|useInput\(/;
	const allowed = ['source/input/', 'source/ui/picker/picker-keys.ts', 'source/ui/Picker.tsx'];
	const offenders: string[] = [];
	const walk = (dir: string) => {
		for (const entry of readdirSync(dir)) {
			const path = join(dir, entry);
			if (statSync(path).isDirectory()) walk(path);
			else if (/\.tsx?$/.test(path) && !allowed.some(prefix => path.startsWith(prefix))) {
				readFileSync(path, 'utf8').split('\n').forEach((line, at) => {
					if (raw.test(line)) offenders.push(`${path}:${at + 1}: ${line.trim()}`);
				});
			}
		}
	};
	walk('source');
	assert.deepEqual(offenders, []);
});

test('a burst is split into keys, and the dispatcher asks prompt, then screen, then global', () => {
	assert.deepEqual(splitKeys('jjj\r', EMPTY).map(keyName), ['j', 'j', 'j', 'Enter']);
	assert.deepEqual(splitKeys('Exit\r', EMPTY).map(keyName), ['E', 'x', 'i', 't', 'Enter']);
	// Esc and a key in one read reach Ink as Alt-key (ESC i); no Alt key is bound, so: Esc, then the key.
	assert.deepEqual(splitKeys('i', {...EMPTY, meta: true}).map(keyName), ['Esc', 'i']);
	assert.deepEqual(splitKeys('/', {...EMPTY, meta: true}).map(keyName), ['Esc', '/']);
	assert.deepEqual(splitKeys('I', {...EMPTY, meta: true, shift: true}).map(keyName), ['Esc', 'I']);
	assert.deepEqual(splitKeys('', {...EMPTY, meta: true, escape: true}).map(keyName), ['Esc'], 'Esc alone stays one Esc');
	assert.deepEqual(splitKeys('', {...EMPTY, meta: true, upArrow: true}).map(keyName), ['↑'], 'Alt-↑ stays an arrow');
	const dispatcher = new KeyDispatcher();
	const seen: string[] = [];
	dispatcher.add('global', press => {
		seen.push(`global ${keyName(press)}`);
		return true;
	});
	dispatcher.add('screen', press => (keyName(press) === 'j' ? (seen.push('screen j'), true) : false));
	let promptOpen = true;
	dispatcher.add('prompt', press => (promptOpen ? (seen.push(`prompt ${keyName(press)}`), keyName(press) === 'Enter' ? 'settle' : true) : false));
	assert.deepEqual(dispatcher.dispatch(keyOf('j')), {handled: true, settle: false});
	assert.deepEqual(dispatcher.dispatch(keyOf('\r')), {handled: true, settle: true});
	promptOpen = false;
	assert.deepEqual(dispatcher.dispatch(keyOf('j')), {handled: true, settle: true});
	dispatcher.dispatch(keyOf('?'));
	assert.deepEqual(seen, ['prompt j', 'prompt Enter', 'screen j', 'global ?']);
});

test("the README's key tables are the declared ones (npm run readme:keys rewrites them)", () => {
	const readme = readFileSync('README.md', 'utf8');
	const start = readme.indexOf(README_START);
	const end = readme.indexOf(README_END);
	assert.ok(start >= 0 && end > start, 'README.md has the generated key block');
	assert.equal(readme.slice(start + README_START.length, end).trim(), keysMarkdown().trim());
});
