/** Filling input streams and reading the output stream of the Redis end-to-end jobs (test/jobs/redis/). */
import type { Redis } from "ioredis";
import { orderFor } from "../../jobs/redis/redis-job-spec.js";

/** Orders `fromSeq` … `toSeq - 1` of each customer, interleaved across customers, to `stream`. */
export async function addOrders(redis: Redis, stream: string, customers: readonly number[], fromSeq: number, toSeq: number): Promise<void> {
  let pipeline = redis.pipeline();
  let queued = 0;
  for (let seq = fromSeq; seq < toSeq; seq++) {
    for (const customer of customers) {
      pipeline.xadd(stream, "*", "data", JSON.stringify(orderFor(customer, seq)));
      if (++queued === 1000) {
        await pipeline.exec();
        pipeline = redis.pipeline();
        queued = 0;
      }
    }
  }
  await pipeline.exec();
}

/** The output stream's records as `customer/seq/n/total` lines, sorted (duplicates kept). */
export async function outputLines(redis: Redis, stream: string): Promise<string[]> {
  const lines: string[] = [];
  let from = "-";
  for (;;) {
    const batch = await redis.xrange(stream, from, "+", "COUNT", 5000);
    for (const [, fields] of batch) {
      const t = JSON.parse(fields[1]!) as { customer: number; seq: number; n: number; total: number };
      lines.push(`${t.customer}/${t.seq}/${t.n}/${t.total}`);
    }
    if (batch.length < 5000) break;
    from = `(${batch[batch.length - 1]![0]}`;
  }
  return lines.sort();
}

export function customersRange(from: number, to: number): number[] {
  return Array.from({ length: to - from }, (_, i) => from + i);
}
