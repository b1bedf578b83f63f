// Rewrites the key tables in README.md from the screens' action tables: `npm run readme:keys`.
import {readFileSync, writeFileSync} from 'node:fs';
import {withKeyTables} from '../source/views/keys-markdown.js';

const path = new URL('../README.md', import.meta.url);
const before = readFileSync(path, 'utf8');
const after = withKeyTables(before);
if (after !== before) writeFileSync(path, after);
process.stdout.write(after === before ? 'README.md key tables are current\n' : 'README.md key tables updated\n');
