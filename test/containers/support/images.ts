/**
 * The images under test, built by scripts/build-images.sh with podman from the local base
 * (mmdebstrap plus this machine's node, made once and kept as localhost/sluice-base:node<version>)
 * and from this checkout's compiled tree (--prebuilt: builds here cannot reach the npm registry).
 * Tagged by a digest of everything that goes into them, so the test files of one run (and later
 * runs on the same tree) build them once; a lock keeps parallel test files from building at once.
 */
import { execFile } from "node:child_process";
import { createHash } from "node:crypto";
import { readFileSync, readdirSync, statSync } from "node:fs";
import { join, relative } from "node:path";
import { REPO_ROOT } from "../../support/paths.js";
import { ensurePodman, podman, podmanEnv } from "./podman.js";

export interface TestImages {
  /** TaskManagers and session JobManagers. */
  runtime: string;
  /** The runtime plus test/jobs, running test/jobs/sequence-check.ts by default. */
  application: string;
  /** The build script's output: what it built and the sizes. */
  buildOutput: string;
}

const JOB_DIR = "test/jobs";
const JOB = "sequence-check.ts";
const LOCK = "/var/tmp/sluice-test-images.lock";
const BUILD_TIMEOUT_MS = 600_000;

function addTree(hash: ReturnType<typeof createHash>, path: string): void {
  const stat = statSync(path);
  if (stat.isDirectory()) {
    for (const entry of readdirSync(path).sort()) addTree(hash, join(path, entry));
    return;
  }
  hash.update(relative(REPO_ROOT, path)).update("\0").update(readFileSync(path)).update("\0");
}

/** A digest of the image inputs: the Dockerfile, docker/, the lockfile, the compiled runtime, the dashboard, the jobs, node. */
function inputsDigest(): string {
  const hash = createHash("sha256").update(process.version);
  for (const input of ["Dockerfile", "docker", "package-lock.json", "package.json", "bin", "dist/src", "web/dist", JOB_DIR, "scripts/build-images.sh"]) {
    addTree(hash, join(REPO_ROOT, input));
  }
  return hash.digest("hex").slice(0, 12);
}

let built: Promise<TestImages> | undefined;

/** Builds the images unless images of the same inputs exist already. */
export function testImages(): Promise<TestImages> {
  built ??= build();
  return built;
}

async function build(): Promise<TestImages> {
  ensurePodman();
  const key = inputsDigest();
  const images: TestImages = { runtime: `localhost/sluice-test:${key}`, application: `localhost/sluice-test-app:${key}`, buildOutput: "" };
  const command = ["bash", join(REPO_ROOT, "scripts", "build-images.sh"), "--engine", "podman", "--local-base", "--prebuilt"];
  command.push("--runtime-tag", images.runtime, "--app-tag", images.application, "--job-dir", JOB_DIR, "--job", JOB);
  // Under the lock: another test file may have built them while this one waited.
  const script = `if podman image exists ${images.runtime} && podman image exists ${images.application}; then
      for t in ${images.runtime} ${images.application}; do echo "image $t: $(( $(podman image inspect --format '{{.Size}}' $t) / 1000000 )) MB (cached)"; done
    else exec "$@"; fi`;
  images.buildOutput = await new Promise<string>((resolve, reject) => {
    execFile("flock", [LOCK, "bash", "-c", script, "build", ...command], { cwd: REPO_ROOT, env: podmanEnv(), timeout: BUILD_TIMEOUT_MS }, (error, stdout, stderr) => {
      if (error) reject(new Error(`building the test images failed: ${error.message}\n${stdout}\n${stderr}`));
      else resolve(stdout);
    });
  });
  await removeStaleTestImages(images);
  return images;
}

/** Image size in bytes. */
export async function imageSize(tag: string): Promise<number> {
  return Number((await podman(["image", "inspect", "--format", "{{.Size}}", tag])).trim());
}

/**
 * Removes the test images of other inputs than the current ones (older trees), keeping the base.
 * Under the build lock: a prune racing another test file's build or listing fails that file's
 * `podman images` with "image not known" (two files run at once in `npm test`).
 */
export async function removeStaleTestImages(current: TestImages): Promise<void> {
  // Not forced: an image a container still uses (another checkout's run) stays.
  const script = `podman images --format '{{.Repository}}:{{.Tag}}' --filter 'reference=localhost/sluice-test*' | while read -r t; do
      if [ -n "$t" ] && [ "$t" != "$1" ] && [ "$t" != "$2" ]; then podman rmi "$t" >/dev/null 2>&1 || true; fi
    done
    podman image prune -f >/dev/null`;
  await new Promise<void>((resolve, reject) => {
    execFile("flock", [LOCK, "bash", "-c", script, "remove-stale", current.runtime, current.application], { env: podmanEnv(), timeout: BUILD_TIMEOUT_MS }, (error, _stdout, stderr) => {
      if (error) reject(new Error(`removing stale test images failed: ${error.message}\n${stderr}`));
      else resolve();
    });
  });
}
