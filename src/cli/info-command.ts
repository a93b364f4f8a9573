import { requiredSlots, type JobGraph } from "../graph/job-graph.js";
import type { PartitionerSpec } from "../graph/stream-graph.js";
import { prepareJob } from "../client/job-runner.js";
import { loadConfiguration } from "../config/configuration.js";

interface InfoOptions {
  parallelism?: number;
  config?: string;
  D: string[];
  json?: boolean;
}

export async function infoCommand(job: string, args: string[], options: InfoOptions): Promise<void> {
  const config = loadConfiguration(options.config, options.D);
  const { evaluated } = await prepareJob(job, { args, parallelism: options.parallelism, config });
  const graph = evaluated.jobGraph;
  if (options.json) {
    process.stdout.write(JSON.stringify({ ...graph, requiredSlots: requiredSlots(graph) }, null, 2) + "\n");
    return;
  }
  process.stdout.write(describeJobGraph(graph));
}

export function partitionerName(p: PartitionerSpec): string {
  return p.type.toUpperCase();
}

export function describeJobGraph(graph: JobGraph): string {
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
