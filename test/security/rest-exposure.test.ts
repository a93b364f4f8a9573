/**
 * The REST endpoint accepts code, so it is only served off loopback with a token (safe
 * defaults): a JobManager asked to bind it elsewhere without rest.auth.token refuses to start and
 * says what to do, unless security.network.trusted declares that only trusted clients reach it.
 */
import assert from "node:assert/strict";
import { after, test } from "node:test";
import { ConfigurationError } from "../../src/config/configuration.js";
import { restSettings } from "../../src/rest/rest-settings.js";
import { getJson, killAll, sluice, startJobManager } from "../cluster/support/processes.js";

after(() => killAll());

test("off loopback the REST settings need a token or a trusted network", () => {
  for (const address of ["0.0.0.0", "::", "10.1.2.3", "sluice.example.com"]) {
    assert.throws(() => restSettings({ "rest.bind-address": address }), (e: Error) => e instanceof ConfigurationError && /refusing to serve the REST API on .* without rest\.auth\.token/.test(e.message), address);
    assert.equal(restSettings({ "rest.bind-address": address, "rest.auth.token": "t0ken" }).access.token, "t0ken");
    assert.equal(restSettings({ "rest.bind-address": address, "security.network.trusted": "true" }).address, address);
  }
  for (const address of ["127.0.0.1", "localhost", "::1"]) assert.equal(restSettings({ "rest.address": address }).address, address);
});

test("a JobManager refuses to serve REST on every interface without a token, and serves it with one", { timeout: 30_000 }, async () => {
  const open = sluice(["jobmanager", "-D", "jobmanager.rpc.port=0", "-D", "rest.port=0", "-D", "rest.bind-address=0.0.0.0"]);
  assert.equal(await open.exited, 1);
  assert.match(open.stderr(), /refusing to serve the REST API on 0\.0\.0\.0 .* without rest\.auth\.token/);

  const guarded = await startJobManager({ "rest.bind-address": "0.0.0.0", "rest.auth.token": "a-token-for-the-test" });
  const restUrl = guarded.restUrl.replace("0.0.0.0", "127.0.0.1");
  assert.equal((await getJson<{ taskmanagers: number }>(restUrl, "/overview")).taskmanagers, 0);
  const res = await fetch(new URL("/jobs/00000000000000000000000000000000?mode=cancel", restUrl), { method: "PATCH" });
  assert.equal(res.status, 401, "mutations need the token");
});
