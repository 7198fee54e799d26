import { ensureWebBuilt } from './web-build.ts';

/** Vitest global setup: the browser tests need the web application built from the current sources. */
export default function setup(): void {
  ensureWebBuilt();
}
