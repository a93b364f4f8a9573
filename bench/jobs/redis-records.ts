/** The records of the Redis connector benchmark: about 100 bytes of JSON each. */
export interface BenchRecord {
  id: number;
  customer: string;
  amount: number;
  note: string;
}

export function benchRecord(i: number): BenchRecord {
  return { id: i, customer: `customer-${i % 1000}`, amount: (i * 7) % 10_000, note: "an order placed through the benchmark" };
}
