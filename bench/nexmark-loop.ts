/**
 * One hand-written loop of bench/nexmark.ts, in a process of its own: a loop measured after
 * others in the same process runs slower (the generator's call sites have seen every query's
 * code), which would flatter the framework. Prints {"cpuSeconds", "results"} as JSON.
 * Usage: node dist/bench/nexmark-loop.js <query> <events> <event rate>
 */
import { REFERENCES, referenceInput } from "../test/nexmark/reference/index.js";

const [query = "q0", events = "1000000", eventRate = "10000"] = process.argv.slice(2);
const reference = REFERENCES[query];
if (!reference) throw new Error(`unknown query ${query}`);
const input = referenceInput(Number(events), { firstEventRate: Number(eventRate) });
// A first pass over the first events warms the JIT up, as the runs' baseline subtraction removes
// their warm-up: both sides are compared in steady state.
reference(referenceInput(Math.min(input.count, 200_000), { firstEventRate: Number(eventRate) }), () => {});
let results = 0;
const start = process.cpuUsage();
reference(input, () => results++);
const used = process.cpuUsage(start);
process.stdout.write(JSON.stringify({ cpuSeconds: (used.user + used.system) / 1e6, results }) + "\n");
