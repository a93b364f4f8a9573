/**
 * `sluice bundle job.ts`: writes the job bundle (the job file and everything it imports, as one ES
 * module) that the dashboard's Submit page and POST /jars/upload take. It is the same bundle
 * `sluice run` builds and submits; this command only stops before running it.
 */
import { writeFileSync } from "node:fs";
import { basename, resolve } from "node:path";
import { bundleJob } from "../client/bundler.js";
import { CliError } from "./cli-error.js";
export async function bundleCommand(job, options) {
    const output = options.output ?? `${basename(job).replace(/\.(c|m)?(t|j)sx?$/, "")}.mjs`;
    if (resolve(output) === resolve(job))
        throw new CliError(`the bundle would overwrite the job file ${job}: choose another name with -o`);
    const bundle = await bundleJob(job);
    writeFileSync(output, bundle.code);
    process.stderr.write(`Wrote ${output} (${Buffer.byteLength(bundle.code)} bytes, sha256 ${bundle.hash}); upload it on the dashboard's Submit page or to POST /jars/upload\n`);
}
//# sourceMappingURL=bundle-command.js.map