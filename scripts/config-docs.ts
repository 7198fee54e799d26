// `npm run config:docs`: writes `.env.example` and the settings tables of docs/configuration.md from the
// declarations in packages/config/src/settings.ts. packages/config/src/docs.test.ts fails until they match.
import { readFileSync, writeFileSync } from 'node:fs';
import { renderEnvExample, withSettingsTables } from '@openami/config';

const root = new URL('../', import.meta.url);
const page = new URL('docs/configuration.md', root);
writeFileSync(new URL('.env.example', root), renderEnvExample());
writeFileSync(page, withSettingsTables(readFileSync(page, 'utf8')));
console.log('wrote .env.example and docs/configuration.md');
