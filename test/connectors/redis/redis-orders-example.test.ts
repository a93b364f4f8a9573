/**
 * examples/redis-orders.ts against a private redis-server: the revenue per customer and minute it
 * appends to the output stream equals a reference computed here from the same orders.
 */
import assert from "node:assert/strict";
import { test } from "node:test";
import { runJob } from "../../../src/client/job-runner.js";
import { example } from "../../support/paths.js";
import { startRedis } from "../../support/redis.js";
import type { Order } from "../../../examples/redis-orders.js";

test("examples/redis-orders.ts: revenue per customer per minute, from one Redis stream into another", { timeout: 90_000 }, async () => {
  const server = await startRedis();
  const redis = server.client();
  try {
    const start = Date.UTC(2024, 0, 1, 12, 0, 0);
    const customers = ["alice", "bob", "carol"];
    const orders: Order[] = Array.from({ length: 900 }, (_, i) => ({
      id: `o-${i}`,
      customer: customers[(i * 7) % 3]!,
      amount: 100 + ((i * 37) % 900),
      // 1 s apart, up to 4 s out of order (within the example's 5 s bound).
      ts: start + i * 1000 - ((i * 7919) % 4000),
    }));
    const pipeline = redis.pipeline();
    for (const o of orders) pipeline.xadd("orders", "*", "data", JSON.stringify(o));
    await pipeline.exec();

    const result = await runJob(example("redis-orders.ts"), { args: [server.url, "orders", "order-totals", "--bounded"] });
    assert.equal(result.state, "FINISHED", result.failure?.message);

    const reference = new Map<string, { orders: number; revenue: number }>();
    for (const o of orders) {
      const key = `${o.customer}@${o.ts - (o.ts % 60_000)}`;
      const r = reference.get(key) ?? { orders: 0, revenue: 0 };
      r.orders++;
      r.revenue += o.amount;
      reference.set(key, r);
    }
    const written = new Map<string, { orders: number; revenue: number }>();
    for (const [, f] of await redis.xrange("order-totals", "-", "+")) {
      const fields = Object.fromEntries(Array.from({ length: f.length / 2 }, (_, i) => [f[2 * i]!, f[2 * i + 1]!]));
      const key = `${fields.customer}@${fields.window_start}`;
      assert.ok(!written.has(key), `window ${key} written twice`);
      written.set(key, { orders: Number(fields.orders), revenue: Number(fields.revenue) });
    }
    assert.deepEqual(new Map([...written].sort()), new Map([...reference].sort()));
  } finally {
    redis.disconnect();
    await server.stop();
  }
});
