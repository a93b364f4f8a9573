/** The record of the NATS benchmark: about 100 bytes of JSON. */
export interface BenchRecord {
  id: number;
  user: string;
  amount: number;
  tags: string[];
}

export function benchRecord(i: number): BenchRecord {
  return { id: i, user: `user-${i % 1000}`, amount: (i * 7919) % 10_000, tags: ["bench", i % 2 === 0 ? "even" : "odd", "nats"] };
}
