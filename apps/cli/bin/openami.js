#!/usr/bin/env node
// Runs the TypeScript sources directly: the monorepo ships no build step for its apps.
import { register } from 'tsx/esm/api';

register();
// Under npx the shell between npm and this process drops signals: stop when the launcher goes.
const { followLauncher } = await import('../src/launcher.ts');
followLauncher();
await import('../src/main.ts');
