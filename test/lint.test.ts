// The lint rules that keep the layers one-way and every key in source/input/ really fire.
import {test} from 'node:test';
import assert from 'node:assert/strict';
import {ESLint} from 'eslint';

const eslint = new ESLint();

async function problems(filePath: string, code: string): Promise<string[]> {
	const [result] = await eslint.lintText(code, {filePath});
	return result!.messages.filter(message => message.severity === 2).map(message => `${message.ruleId}: ${message.message}`);
}

/** The errors of a file at `file` that imports `from`. */
const importing = (file: string, from: string) => problems(file, `import {x} from '${from}';\nexport const y = x;\n`);

/** `file` may import each of `allowed` and none of `forbidden`. */
async function layerRule(file: string, forbidden: readonly string[], allowed: readonly string[]): Promise<void> {
	for (const from of forbidden) {
		const found = await importing(file, from);
		assert.ok(found.some(line => line.startsWith('no-restricted-imports')), `${file} importing ${from}: ${found.join('; ')}`);
	}
	for (const from of allowed) assert.deepEqual(await importing(file, from), [], `${file} importing ${from}`);
}

const SCREENS_AND_CLUSTER = ['../kube/types.js', '../hooks/usePodTable.js', '../views/PodsView.js', '../ui/Table.js', 'react'];

test('the model imports neither kube, hooks, views, ui nor render', async () => {
	await layerRule('source/model/example.ts', [...SCREENS_AND_CLUSTER, '../render/timeline.js'], ['./pod-health.js']);
});

test('render imports the model but no screen, hook or cluster code', async () => {
	await layerRule('source/render/example.ts', [...SCREENS_AND_CLUSTER, 'ink'], ['../model/timeline.js', './report.js']);
});

test('hooks do not import views', async () => {
	await layerRule('source/hooks/example.ts', ['../views/pods/columns.js'], []);
});

test("Ink's useInput is banned outside source/input/InputProvider", async () => {
	const code = `import {useInput} from 'ink';\nexport const f = useInput;\n`;
	for (const file of ['source/views/Example.tsx', 'source/ui/Example.tsx', 'source/app.tsx']) {
		const found = await problems(file, code);
		assert.ok(found.some(line => line.includes('source/input')), `${file}: ${found.join('; ')}`);
	}
	assert.deepEqual(await problems('source/input/InputProvider.tsx', code), []);
});
