import { execFileSync } from 'node:child_process';
import { readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';

export const webDir = join(import.meta.dirname, '..', '..', 'apps', 'web');
export const webDist = join(webDir, 'dist');

function newestChange(path: string): number {
  const stat = statSync(path);
  if (!stat.isDirectory()) return stat.mtimeMs;
  return Math.max(stat.mtimeMs, ...readdirSync(path).map((name) => newestChange(join(path, name))));
}

function builtAt(): number {
  try {
    return statSync(join(webDist, 'index.html')).mtimeMs;
  } catch {
    return 0;
  }
}

/**
 * Builds the web application when its build is missing or older than its sources, so the browser tests
 * always drive the code in the working tree. A fresh build takes a few seconds.
 */
export function ensureWebBuilt(): void {
  const sources = ['src', 'index.html', 'vite.config.ts', 'package.json'].map((p) => join(webDir, p));
  if (builtAt() > Math.max(...sources.map(newestChange))) return;
  execFileSync('npm', ['run', 'build', '--silent', '-w', '@openami/web'], {
    cwd: join(webDir, '..', '..'),
    stdio: ['ignore', 'ignore', 'inherit'],
    // Vitest sets NODE_ENV=test, which would make Vite bundle React's development build.
    env: { ...process.env, NODE_ENV: 'production' },
  });
}
