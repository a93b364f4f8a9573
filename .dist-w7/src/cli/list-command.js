/** `sluice list`: the jobs of a cluster, from its REST API (Flink's `flink list`). */
import { loadConfiguration } from "../config/configuration.js";
import { restClient } from "./rest-target.js";
import { formatDuration, formatTable, formatTime } from "./table.js";
const ENDED = new Set(["FINISHED", "CANCELED", "FAILED"]);
export async function listCommand(options) {
    const config = loadConfiguration(options.config, options.D);
    const client = await restClient(options.target, config);
    const jobs = await client.listJobs();
    const shown = options.all ? jobs : jobs.filter((j) => !ENDED.has(j.state));
    if (options.json) {
        process.stdout.write(JSON.stringify(shown, null, 2) + "\n");
        return;
    }
    if (shown.length === 0) {
        const hidden = jobs.length - shown.length;
        process.stdout.write(`No ${options.all ? "" : "running "}jobs.${hidden ? ` (${hidden} ended; --all shows them)` : ""}\n`);
        return;
    }
    process.stdout.write(formatTable(["JOB ID", "STATE", "STARTED", "DURATION", "TASKS", "NAME"], shown.map(row)));
}
function row(j) {
    const running = j.tasks.running ?? 0;
    return [j.jid, j.state, formatTime(j["start-time"]), formatDuration(j.duration), `${running}/${j.tasks.total ?? 0} running`, j.name];
}
//# sourceMappingURL=list-command.js.map