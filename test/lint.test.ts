// The lint rules that keep the layers one-way and every key in source/input/ really fire.
import {test} from 'node:test';
import assert from 'node:assert/strict';
import {ESLint} from 'eslint';

const eslint = new ESLint();

async function problems(filePath: string, code: string): Promise<string[]> {
	const [result] = await eslint.lintText(code, {filePath});
	return result!.messages.filter(message => message.severity === 2).map(message => `${message.ruleId}: ${message.message}`);
}

test('the model imports neither kube, hooks, views nor ui', async () => {
	for (const from of ['../kube/types.js', '../hooks/usePodTable.js', '../views/PodsView.js', '../ui/Table.js', 'react']) {
		const found = await problems('source/model/example.ts', `import {x} from '${from}';\nexport const y = x;\n`);
		assert.ok(found.some(line => line.startsWith('no-restricted-imports')), `${from}: ${found.join('; ')}`);
	}
	assert.deepEqual(await problems('source/model/example.ts', `import {x} from './pod-health.js';\nexport const y = x;\n`), []);
});

test('the model does not import render; render imports the model but no screen, hook or cluster code', async () => {
	const fromModel = await problems('source/model/example.ts', `import {x} from '../render/timeline.js';\nexport const y = x;\n`);
	assert.ok(fromModel.some(line => line.startsWith('no-restricted-imports')), fromModel.join('; '));
	for (const from of ['../kube/types.js', '../hooks/usePodTable.js', '../views/PodsView.js', '../ui/Table.js', 'react', 'ink']) {
		const found = await problems('source/render/example.ts', `import {x} from '${from}';\nexport const y = x;\n`);
		assert.ok(found.some(line => line.startsWith('no-restricted-imports')), `${from}: ${found.join('; ')}`);
	}
	assert.deepEqual(await problems('source/render/example.ts', `import {x} from '../model/timeline.js';\nexport const y = x;\n`), []);
});

test('hooks do not import views', async () => {
	const found = await problems('source/hooks/example.ts', `import {x} from '../views/pods/columns.js';\nexport const y = x;\n`);
	assert.ok(found.some(line => line.startsWith('no-restricted-imports')), found.join('; '));
});

test("Ink's useInput is banned outside source/input/InputProvider", async () => {
	const code = `import {useInput} from 'ink';\nexport const f = useInput;\n`;
	for (const file of ['source/views/Example.tsx', 'source/ui/Example.tsx', 'source/app.tsx']) {
		const found = await problems(file, code);
		assert.ok(found.some(line => line.includes('source/input')), `${file}: ${found.join('; ')}`);
	}
	assert.deepEqual(await problems('source/input/InputProvider.tsx', code), []);
});
