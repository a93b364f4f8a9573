/**
 * The jobs of the Redis end-to-end tests and their reference output, shared by the job files and the
 * tests: orders of customers on several input streams (each customer on one stream, so a customer's
 * orders keep their order), a running count and total per customer, written to one output stream.
 */
export interface RedisJobSpec {
  port: number;
  /** The sink's Redis, when it is another server than the source's. */
  sinkPort?: number;
  /** Input: these streams, or every stream matching the pattern. */
  streams?: string[];
  pattern?: string;
  output: string;
  parallelism: number;
  checkpointIntervalMs: number;
  bounded: boolean;
  /** Time per record in the job (µs, slept in 5 ms steps), so that failures land while it runs. */
  throttleMicros: number;
  /** Staging-key prefix of the sink (stable across a savepoint + resume). */
  transactionKeyPrefix: string;
  restartAttempts: number;
  discoveryIntervalMs?: number;
  /** How long the connectors retry a server they cannot reach (default 30 s). */
  retryTimeoutMs?: number;
  password?: string;
}

export interface Order {
  customer: number;
  /** Consecutive per customer from 0. */
  seq: number;
  amount: number;
}

export interface CustomerTotal {
  customer: number;
  seq: number;
  n: number;
  total: number;
}

export function orderFor(customer: number, seq: number): Order {
  return { customer, seq, amount: ((customer * 31 + seq * 7) % 100) + 1 };
}

export function outputLine(t: CustomerTotal): string {
  return `${t.customer}/${t.seq}/${t.n}/${t.total}`;
}

/** The lines the output must hold for `perCustomer` orders of each customer, sorted. */
export function referenceLines(customers: readonly number[], perCustomer: number): string[] {
  const lines: string[] = [];
  for (const customer of customers) {
    let total = 0;
    for (let seq = 0; seq < perCustomer; seq++) {
      total += orderFor(customer, seq).amount;
      lines.push(outputLine({ customer, seq, n: seq + 1, total }));
    }
  }
  return lines.sort();
}
