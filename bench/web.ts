// Web benchmark, run by hand: `npm run bench -- web`. Starts the demo as the README's first command does (the
// full community on a fresh SQLite file, in this process), then Debian's chromium signs in and waits for the
// dashboard to show the community's meters. Figures: the time from launching the demo to the dashboard
// showing data (the demo back-fills 60 days of history first, itself a figure), and the dashboard's load time (navigation to the counts shown) as a signed-in user, p50 of
// ten loads. Needs /usr/bin/chromium (apt-get install chromium).
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { chromium, type Page } from 'playwright-core';
import { startDemo } from '../apps/cli/src/demo/start-demo.ts';
import { type Figure, machine, printFigures } from './_figures.ts';

const chromiumPath = process.env.OPENAMI_CHROMIUM ?? '/usr/bin/chromium';
const LOADS = Number(process.env.BENCH_LOADS ?? 10);

/** Resolves once the dashboard's meter count shows `meters`. */
async function dashboardShows(page: Page, meters: number): Promise<void> {
  const card = page.getByTestId('count-dashboard.meters');
  const deadline = Date.now() + 120_000;
  while (Date.now() < deadline) {
    const text = (await card.textContent({ timeout: 120_000 }).catch(() => '')) ?? '';
    if (text.replace(/[^0-9]/g, '').endsWith(String(meters))) return;
    await page.waitForTimeout(20);
  }
  throw new Error('the dashboard never showed the meters');
}

const dataDir = mkdtempSync(join(tmpdir(), 'openami-bench-web-'));
const launched = performance.now();
const demo = await startDemo({ dataDir, port: 0 });
const demoReady = performance.now();
const browser = await chromium.launch({
  executablePath: chromiumPath,
  headless: true,
  args: ['--no-sandbox', '--disable-dev-shm-usage'],
});
try {
  const page = await (await browser.newContext({ viewport: { width: 1366, height: 768 } })).newPage();
  await page.goto(`${demo.url}/sign-in`);
  await page.locator('#username').fill(demo.username);
  await page.locator('#password').fill(demo.password);
  await page.locator('button[type=submit]').click();
  await dashboardShows(page, demo.meters);
  const dashboardAt = performance.now();
  const loads: number[] = [];
  for (let i = 0; i < LOADS; i++) {
    const start = performance.now();
    await page.goto(`${demo.url}/`);
    await dashboardShows(page, demo.meters);
    loads.push(performance.now() - start);
  }
  loads.sort((a, b) => a - b);
  const p50 = loads[Math.floor(loads.length / 2)] as number;
  const toDashboard = (dashboardAt - launched) / 1000;
  console.log(`machine: ${machine()}`);
  console.log(
    `demo of ${demo.meters} meters ready in ${((demoReady - launched) / 1000).toFixed(1)} s; dashboard with data ${toDashboard.toFixed(1)} s after launch`,
  );
  console.log(`dashboard loads (ms): ${loads.map((ms) => ms.toFixed(0)).join(' ')}`);
  const figures: Figure[] = [
    { bench: 'web', metric: 'launch_to_dashboard_s', value: Number(toDashboard.toFixed(1)), target: '<60' },
    {
      bench: 'web',
      metric: `history_backfill_${demo.history.days}_days_s`,
      value: Number(demo.history.seconds.toFixed(1)),
      target: '<40',
    },
    { bench: 'web', metric: 'dashboard_load_p50_ms', value: Math.round(p50), target: '<2000' },
  ];
  printFigures(figures);
} finally {
  await browser.close();
  await demo.stop();
  rmSync(dataDir, { recursive: true, force: true });
}
