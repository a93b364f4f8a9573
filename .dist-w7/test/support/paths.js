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
/**
 * How to start a sibling script of a test as a child process: the compiled .js next to the
 * compiled test, or the .ts through tsx when the test itself runs from source.
 */
export function siblingScript(testUrl, relativeTs) {
    const fromSource = testUrl.endsWith(".ts");
    const file = fileURLToPath(new URL(fromSource ? relativeTs : relativeTs.replace(/\.ts$/, ".js"), testUrl));
    return fromSource ? ["--import", "tsx", file] : [file];
}
//# sourceMappingURL=paths.js.map