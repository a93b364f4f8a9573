import { existsSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
/** The repository root (tests run from dist/test/…, job files live in the source tree). */
export const REPO_ROOT = (() => {
    let dir = dirname(fileURLToPath(import.meta.url));
    while (!existsSync(join(dir, "package.json")))
        dir = dirname(dir);
    return dir;
})();
export function testJob(name) {
    return join(REPO_ROOT, "test", "jobs", name);
}
export function example(name) {
    return join(REPO_ROOT, "examples", name);
}
export const SLUICE_BIN = join(REPO_ROOT, "bin", "sluice.js");
//# sourceMappingURL=paths.js.map