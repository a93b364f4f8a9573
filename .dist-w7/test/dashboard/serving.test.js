/**
 * How the REST endpoint serves the dashboard (no browser): content types, caching, the page's
 * security headers, the SPA fallback under /web/ that never shadows the API or hides a missing
 * asset, paths that try to leave web/dist; and that the typed client is current with the OpenAPI
 * document it is generated from.
 */
import { after, before, test } from "node:test";
import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import { join } from "node:path";
import { REPO_ROOT } from "../support/paths.js";
import { call, startRestCluster } from "../rest/support.js";
import { WEB_DIST, ensureDashboardBuilt } from "./support.js";
let rc;
before(async () => {
    ensureDashboardBuilt();
    rc = await startRestCluster({ taskManagers: 1, slots: 1, webDir: WEB_DIST });
});
after(() => rc.close());
test("the page, its scripts, styles and icon are served with their content types and caching", async () => {
    const page = await call(rc.url, "GET", "/");
    assert.equal(page.status, 200);
    assert.equal(page.headers["content-type"], "text/html; charset=utf-8");
    assert.equal(page.headers["cache-control"], "no-cache");
    assert.match(String(page.headers["content-security-policy"]), /script-src 'self';.*frame-ancestors 'none'/);
    assert.equal(page.headers["x-frame-options"], "DENY");
    assert.match(page.text, /<div id="root"><\/div>/);
    const script = /<script type="module" crossorigin src="(\/assets\/[^"]+\.js)"/.exec(page.text)?.[1];
    const style = /<link rel="stylesheet" crossorigin href="(\/assets\/[^"]+\.css)"/.exec(page.text)?.[1];
    assert.ok(script && style, "index.html links a hashed script and stylesheet");
    const js = await call(rc.url, "GET", script);
    assert.equal(js.status, 200);
    assert.equal(js.headers["content-type"], "text/javascript; charset=utf-8");
    assert.equal(js.headers["cache-control"], "public, max-age=31536000, immutable");
    assert.equal(js.headers["x-content-type-options"], "nosniff");
    const css = await call(rc.url, "GET", style);
    assert.equal(css.headers["content-type"], "text/css; charset=utf-8");
    const icon = await call(rc.url, "GET", "/favicon.svg");
    assert.equal(icon.status, 200);
    assert.equal(icon.headers["content-type"], "image/svg+xml");
    const head = await call(rc.url, "HEAD", "/web/overview");
    assert.equal(head.status, 200);
    assert.equal(head.text, "");
});
test("every page address under /web/ is the single-page app; the API keeps its paths", async () => {
    const index = (await call(rc.url, "GET", "/")).text;
    for (const path of ["/web", "/web/overview", "/web/jobs/running", "/web/jobs/0123456789abcdef0123456789abcdef/checkpoints", "/web/taskmanagers/tm-1", "/web/no/such/page", "/v1/web/submit"]) {
        const r = await call(rc.url, "GET", path);
        assert.equal(r.status, 200, path);
        assert.equal(r.headers["content-type"], "text/html; charset=utf-8", path);
        assert.equal(r.text, index, path);
    }
    // Flink's paths are the API, not pages, even when a browser asks for HTML.
    const api = await call(rc.url, "GET", "/jobs/overview", { headers: { accept: "text/html" } });
    assert.equal(api.status, 200);
    assert.match(String(api.headers["content-type"]), /^application\/json/);
    assert.deepEqual(api.json, { jobs: [] });
    // Only GET serves files.
    assert.equal((await call(rc.url, "POST", "/web/overview")).status, 404);
});
test("a missing asset is a 404, never the page; paths cannot leave web/dist", async () => {
    const missing = await call(rc.url, "GET", "/assets/index-missing.js");
    assert.equal(missing.status, 404);
    assert.match(String(missing.headers["content-type"]), /^application\/json/);
    for (const path of ["/../package.json", "/%2e%2e/package.json", "/assets/..%2f..%2fpackage.json", "/assets/%2e%2e/%2e%2e/package.json", "/.vite/manifest.json", "/assets//etc/passwd"]) {
        const r = await call(rc.url, "GET", path);
        assert.ok(r.status === 404 || r.status === 400, `${path}: ${r.status}`);
        assert.doesNotMatch(r.text, /"name": "sluice"/, path);
    }
});
test("the dashboard's typed REST client is generated from the current OpenAPI document", () => {
    // Exits non-zero (failing this test) when web/src/api/generated.ts differs from a fresh generation.
    execFileSync(process.execPath, [join(REPO_ROOT, "web", "scripts", "generate-client.mjs"), "--check"], { stdio: ["ignore", "ignore", "pipe"], timeout: 30_000 });
});
//# sourceMappingURL=serving.test.js.map