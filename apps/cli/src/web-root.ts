import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { isWebAppBuilt } from '@openami/server';

/**
 * Where the web application's build lives: `dist/` of the `@openami/web` package, found through the
 * workspace like any dependency. Undefined when it has not been built (`npm ci` builds it).
 */
export function builtWebRoot(): string | undefined {
  const packageJson = createRequire(import.meta.url).resolve('@openami/web/package.json');
  const dist = join(dirname(packageJson), 'dist');
  return isWebAppBuilt(dist) ? dist : undefined;
}
