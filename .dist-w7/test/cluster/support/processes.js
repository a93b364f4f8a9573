/**
 * Real cluster processes for the end-to-end tests: `node bin/sluice.js jobmanager|taskmanager`
 * on free loopback ports, with their output captured. Every process started here is killed by
 * killAll() (call it in `after`), and every wait is bounded.
 */
import { spawn } from "node:child_process";
import { SLUICE_BIN } from "../../support/paths.js";
import { waitFor } from "../../support/wait.js";
const running = new Set();
/** Fast failure detection and metrics for tests; a loaded 2-core machine still answers in time. */
export const TEST_CONFIG = {
    "heartbeat.interval": "500",
    "heartbeat.timeout": "4000",
    "metrics.report-interval": "200",
    "metrics.fetcher.update-interval": "200",
};
export function sluice(args, env = {}) {
    const child = spawn(process.execPath, [SLUICE_BIN, ...args], { stdio: ["ignore", "pipe", "pipe"], env: { ...process.env, ...env } });
    let out = "";
    let err = "";
    child.stdout.on("data", (c) => (out += c.toString()));
    child.stderr.on("data", (c) => (err += c.toString()));
    let exitedWith;
    const exited = new Promise((resolve) => child.on("exit", (code, signal) => {
        exitedWith = code ?? signal ?? -1;
        resolve(exitedWith);
    }));
    const p = {
        child,
        pid: child.pid,
        stdout: () => out,
        stderr: () => err,
        exited,
        hasExited: () => exitedWith !== undefined,
        async waitForOutput(pattern, what, timeoutMs = 20_000) {
            let match = null;
            try {
                await waitFor(() => {
                    match = pattern.exec(out) ?? pattern.exec(err);
                    if (!match && exitedWith !== undefined)
                        throw new Error(`process exited (${exitedWith}) before ${what}`);
                    return match !== null;
                }, what, timeoutMs);
            }
            catch (e) {
                throw new Error(`${e.message}\n--- stdout:\n${out}\n--- stderr:\n${err.slice(-4000)}`);
            }
            return match;
        },
        signal(signal) {
            if (exitedWith === undefined)
                child.kill(signal);
        },
    };
    running.add(p);
    void exited.then(() => running.delete(p));
    return p;
}
function configArgs(config) {
    return Object.entries(config).flatMap(([k, v]) => ["-D", `${k}=${v}`]);
}
export async function startJobManager(config = {}, env = {}, extraArgs = []) {
    const p = sluice(["jobmanager", ...configArgs({ ...TEST_CONFIG, "jobmanager.rpc.port": "0", "rest.port": "0", ...config }), ...extraArgs], env);
    const [, rpcAddress, restUrl] = await p.waitForOutput(/JobManager ready: RPC (\S+), REST (\S+)/, "the JobManager to be ready");
    return Object.assign(p, { rpcAddress: rpcAddress, rpcHostPort: rpcAddress.replace(/^tcp:\/\//, ""), restUrl: restUrl });
}
/** Starts a TaskManager and waits until it is registered (unless `waitForRegistration` is false). */
export async function startTaskManager(jobManager, options = {}) {
    const p = sluice(["taskmanager", "--jobmanager", jobManager, "--slots", String(options.slots ?? 2), ...configArgs({ ...TEST_CONFIG, ...options.config }), ...(options.extraArgs ?? [])], options.env);
    const [, id, dataAddress] = await p.waitForOutput(/TaskManager (\S+) ready: RPC \S+, data (\S+)/, "the TaskManager's endpoints");
    if (options.waitForRegistration !== false)
        await p.waitForOutput(/TaskManager \S+ registered at/, "the TaskManager to register");
    return Object.assign(p, { id: id, dataAddress: dataAddress });
}
/** SIGKILLs every process still running (tests' `after`). */
export async function killAll() {
    const all = [...running];
    for (const p of all) {
        // A stopped process must be continued to die promptly on some systems.
        p.signal("SIGCONT");
        p.signal("SIGKILL");
    }
    await Promise.all(all.map((p) => p.exited));
}
export async function getJson(base, path) {
    const res = await fetch(new URL(path, base));
    if (!res.ok)
        throw new Error(`GET ${path}: ${res.status} ${await res.text()}`);
    return (await res.json());
}
export async function taskManagerIds(base) {
    return (await getJson(base, "/taskmanagers")).taskmanagers.map((t) => t.id).sort();
}
//# sourceMappingURL=processes.js.map