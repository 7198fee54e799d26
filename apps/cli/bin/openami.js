#!/usr/bin/env node
// Runs the TypeScript sources directly: the monorepo ships no build step for its apps.
import { register } from 'tsx/esm/api';

register();
await import('../src/main.ts');
