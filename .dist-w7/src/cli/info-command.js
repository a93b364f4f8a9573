import { requiredSlots } from "../graph/job-graph.js";
import { prepareJob } from "../client/job-runner.js";
import { loadConfiguration } from "../config/configuration.js";
export async function infoCommand(job, args, options) {
    const config = loadConfiguration(options.config, options.D);
    const { evaluated } = await prepareJob(job, { args, parallelism: options.parallelism, config });
    const graph = evaluated.jobGraph;
    if (options.json) {
        process.stdout.write(JSON.stringify({ ...graph, requiredSlots: requiredSlots(graph) }, null, 2) + "\n");
        return;
    }
    process.stdout.write(describeJobGraph(graph));
}
export function partitionerName(p) {
    return p.type.toUpperCase();
}
export function describeJobGraph(graph) {
    const index = new Map(graph.vertices.map((v, i) => [v.id, i + 1]));
    const lines = [`Job "${graph.name}": ${graph.vertices.length} vertices (chains), needs ${requiredSlots(graph)} slots`, ""];
    for (const v of graph.vertices) {
        lines.push(`[${index.get(v.id)}] ${v.name}`);
        lines.push(`    parallelism ${v.parallelism}, max parallelism ${v.maxParallelism}, slot sharing group "${v.slotSharingGroup}"`);
        lines.push(`    operators: ${v.operators.map((o) => `${o.name} (${o.kind})`).join(" -> ")}`);
    }
    lines.push("", "Edges:");
    for (const e of graph.edges) {
        const side = e.sideOutput ? ` side output "${e.sideOutput}"` : "";
        const input = e.inputIndex === 1 ? " (second input)" : "";
        lines.push(`  [${index.get(e.source)}] -> [${index.get(e.target)}] ${partitionerName(e.partitioner)}${side}${input}`);
    }
    return lines.join("\n") + "\n";
}
//# sourceMappingURL=info-command.js.map