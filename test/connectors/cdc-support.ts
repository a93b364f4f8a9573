/**
 * A steady change load on the CDC tests' table `source_rows (id, version, payload)`: small
 * transactions that insert a row at version 1, raise the version of a live row by one, or delete a
 * live row (a deleted id never comes back). Keys are chosen by a seeded generator.
 */
import type { Client } from "pg";

export class ChangeLoad {
  inserts = 0;
  updates = 0;
  deletes = 0;
  private readonly live: number[] = [];
  private nextId: number;
  private running: Promise<void> | undefined;
  private stopping = false;
  private seed = 12345;

  constructor(
    private readonly client: Client,
    initialRows: number,
    private readonly pauseMs = 2,
  ) {
    for (let i = 1; i <= initialRows; i++) this.live.push(i);
    this.nextId = initialRows + 1;
  }

  private random(n: number): number {
    this.seed = (Math.imul(this.seed, 1103515245) + 12345) >>> 0;
    return this.seed % n;
  }

  start(): void {
    this.running = this.run();
  }

  async stop(): Promise<void> {
    this.stopping = true;
    await this.running;
  }

  private async run(): Promise<void> {
    while (!this.stopping) {
      await this.client.query("BEGIN");
      for (let i = 0; i < 3; i++) await this.step();
      await this.client.query("COMMIT");
      if (this.pauseMs > 0) await new Promise((r) => setTimeout(r, this.pauseMs));
    }
  }

  private async step(): Promise<void> {
    const dice = this.random(10);
    if (dice < 3 || this.live.length === 0) {
      const id = this.nextId++;
      await this.client.query("INSERT INTO source_rows VALUES ($1, 1, $2)", [id, `row ${id}`]);
      this.live.push(id);
      this.inserts++;
    } else if (dice < 9) {
      const id = this.live[this.random(this.live.length)]!;
      await this.client.query("UPDATE source_rows SET version = version + 1, payload = $2 WHERE id = $1", [id, `row ${id} v${this.updates}`]);
      this.updates++;
    } else {
      const at = this.random(this.live.length);
      const id = this.live[at]!;
      this.live[at] = this.live[this.live.length - 1]!;
      this.live.pop();
      await this.client.query("DELETE FROM source_rows WHERE id = $1", [id]);
      this.deletes++;
    }
  }
}
