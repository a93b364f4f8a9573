import { type Browser, type Page } from "playwright-core";
import { type RestCluster } from "../rest/support.js";
export declare const WEB_DIR: string;
export declare const WEB_DIST: string;
export declare const SCREENSHOTS: string;
export declare const CHROMIUM = "/usr/bin/chromium";
/**
 * Builds web/dist when it is missing or older than its sources, so the tests always exercise the
 * dashboard as shipped (`npm install` builds it in prepare; a checkout under test may be newer).
 */
export declare function ensureDashboardBuilt(): void;
export interface Dashboard {
    rc: RestCluster;
    browser: Browser;
    page: Page;
    /** Page errors and failed API requests seen by the browser: a test ends by checking there are none. */
    problems: string[];
    url(path: string): string;
    close(): Promise<void>;
}
export declare function startDashboard(options?: {
    config?: Record<string, string>;
    taskManagers?: number;
    slots?: number;
}): Promise<Dashboard>;
/** Bundles and evaluates a job file, submits it, and returns its id without waiting for it to end. */
export declare function submitJob(rc: RestCluster, file: string, args?: string[], config?: Record<string, string>): Promise<string>;
/** Writes docs/screenshots/<name> (shown in the README); `fullPage` for pages taller than the window. */
export declare function screenshot(page: Page, name: string, fullPage?: boolean): Promise<void>;
