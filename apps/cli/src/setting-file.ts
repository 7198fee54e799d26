import { readFileSync } from 'node:fs';
import type { ReadFile } from '@openami/config';

/** How the commands read a setting given as a file (`OPENAMI_…_FILE`). */
export const readSettingFile: ReadFile = (path) => readFileSync(path, 'utf8');
