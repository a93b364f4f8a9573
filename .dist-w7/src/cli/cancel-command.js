/** `sluice cancel <job-id>`: cancels a job through the REST API and waits until it is CANCELED. */
import { loadConfiguration } from "../config/configuration.js";
import { RestRequestError } from "../client/rest-transport.js";
import { checkJobId, restClient } from "./rest-target.js";
const ENDED = new Set(["FINISHED", "CANCELED", "FAILED"]);
export async function cancelCommand(jobId, options) {
    const config = loadConfiguration(options.config, options.D);
    const client = await restClient(options.target, config);
    checkJobId(jobId);
    try {
        await client.transport.json("PATCH", `/jobs/${jobId}?mode=cancel`);
    }
    catch (e) {
        // Unknown or already ended: the server's message says which, without the HTTP details.
        if (e instanceof RestRequestError && (e.status === 404 || e.status === 409))
            throw new Error(e.errors.join("; "));
        throw e;
    }
    process.stderr.write(`Cancelling job ${jobId}…\n`);
    const result = await client.result(jobId);
    if (!ENDED.has(result.state))
        throw new Error(`job ${jobId} is ${result.state}`);
    process.stdout.write(result.state === "CANCELED" ? `Cancelled job ${jobId}.\n` : `Job ${jobId} ended as ${result.state} before it was cancelled.\n`);
}
//# sourceMappingURL=cancel-command.js.map