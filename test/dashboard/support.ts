/**
 * What the dashboard's browser tests share: a fresh build of web/dist (the files the package ships),
 * a MiniCluster with the REST endpoint serving that build on a free loopback port, headless Debian
 * Chromium driven by playwright-core, and jobs submitted the way `sluice run` submits them.
 */
import { execFileSync } from "node:child_process";
import { existsSync, mkdirSync, readdirSync, rmSync, statSync } from "node:fs";
import { join } from "node:path";
import { chromium, type Browser, type Page } from "playwright-core";
import { MiniClusterClient } from "../../src/client/cluster-client.js";
import { prepareJob } from "../../src/client/job-runner.js";
import { REPO_ROOT, testJob } from "../support/paths.js";
import { startRestCluster, type RestCluster } from "../rest/support.js";

export const WEB_DIR = join(REPO_ROOT, "web");
export const WEB_DIST = join(WEB_DIR, "dist");
export const SCREENSHOTS = join(REPO_ROOT, "docs", "screenshots");
export const CHROMIUM = "/usr/bin/chromium";
const CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--no-first-run"];

function newestMtime(path: string): number {
  const st = statSync(path);
  if (!st.isDirectory()) return st.mtimeMs;
  let newest = st.mtimeMs;
  for (const name of readdirSync(path)) newest = Math.max(newest, newestMtime(join(path, name)));
  return newest;
}

/**
 * Builds web/dist when it is missing or older than its sources, so the tests always exercise the
 * dashboard as shipped (`npm install` builds it in prepare; a checkout under test may be newer).
 */
export function ensureDashboardBuilt(): void {
  const index = join(WEB_DIST, "index.html");
  const sources = [join(WEB_DIR, "src"), join(WEB_DIR, "index.html"), join(WEB_DIR, "vite.config.ts"), join(WEB_DIR, "public")];
  const current = (): boolean => existsSync(index) && statSync(index).mtimeMs >= Math.max(...sources.filter(existsSync).map(newestMtime));
  if (current()) return;
  // Test files run in parallel processes: one builds, the others wait for it (a directory is
  // created atomically, so it serves as the lock).
  withLock(join(WEB_DIR, ".build-lock"), () => {
    if (current()) return;
    execFileSync(process.execPath, [join(REPO_ROOT, "node_modules", "vite", "bin", "vite.js"), "build", "--config", join(WEB_DIR, "vite.config.ts"), "--logLevel", "warn"], {
      cwd: REPO_ROOT,
      stdio: ["ignore", "ignore", "inherit"],
      timeout: 150_000,
    });
  });
}

function withLock(dir: string, fn: () => void): void {
  const deadline = Date.now() + 90_000;
  for (;;) {
    try {
      mkdirSync(dir);
      break;
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== "EEXIST") throw e;
      // A lock older than any build is left over from a killed run.
      const lock = statSync(dir, { throwIfNoEntry: false });
      if (lock && Date.now() - lock.mtimeMs > 120_000) rmSync(dir, { recursive: true, force: true });
      if (Date.now() > deadline) throw new Error(`timed out waiting for the dashboard build lock ${dir}`);
      Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 200);
    }
  }
  try {
    fn();
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

export interface Dashboard {
  rc: RestCluster;
  browser: Browser;
  page: Page;
  /** Page errors and failed API requests seen by the browser: a test ends by checking there are none. */
  problems: string[];
  url(path: string): string;
  close(): Promise<void>;
}

/** Headless Debian Chromium with a page of the tests' size; page errors and console errors go to `problems`. */
export async function launchBrowser(problems: string[]): Promise<{ browser: Browser; page: Page }> {
  const browser = await chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS, timeout: 30_000 });
  const page = await browser.newPage({ viewport: { width: 1400, height: 900 } });
  page.setDefaultTimeout(15_000);
  page.on("pageerror", (e) => problems.push(`page error: ${e.message}`));
  page.on("console", (m) => {
    if (m.type() === "error") problems.push(`console error: ${m.text()}`);
  });
  return { browser, page };
}

export async function startDashboard(options: { config?: Record<string, string>; taskManagers?: number; slots?: number } = {}): Promise<Dashboard> {
  ensureDashboardBuilt();
  const rc = await startRestCluster({
    taskManagers: options.taskManagers ?? 2,
    slots: options.slots ?? 4,
    webDir: WEB_DIST,
    // Quick polling keeps the tests short; the default is Flink's 3 s.
    config: { "web.refresh-interval": "300", ...options.config },
  });
  const problems: string[] = [];
  let opened: { browser: Browser; page: Page };
  try {
    opened = await launchBrowser(problems);
  } catch (e) {
    await rc.close();
    throw e;
  }
  const { browser, page } = opened;
  return {
    rc,
    browser,
    page,
    problems,
    url: (path) => `${rc.url}${path}`,
    async close() {
      await browser.close().catch(() => {});
      await rc.close();
    },
  };
}

/** Bundles and evaluates a job file, submits it, and returns its id without waiting for it to end. */
export async function submitJob(rc: RestCluster, file: string, args: string[] = [], config: Record<string, string> = {}): Promise<string> {
  const { bundle, evaluated, inputs } = await prepareJob(testJob(file), { args, config });
  const client = new MiniClusterClient(rc.cluster);
  return client.submit({ jobGraph: evaluated.jobGraph, bundleHash: bundle.hash, definition: inputs }, { hash: bundle.hash, code: bundle.code });
}

/** Writes docs/screenshots/<name> (shown in the README); `fullPage` for pages taller than the window. */
export async function screenshot(page: Page, name: string, fullPage = false): Promise<void> {
  mkdirSync(SCREENSHOTS, { recursive: true });
  await page.screenshot({ path: join(SCREENSHOTS, name), fullPage });
}
