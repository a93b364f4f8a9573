/** Local copies kept in the process: the contract without a disk (its conformance suite runs against both). */
import type { TaskLocalStateStore } from "./task-local-state-store.js";

export class MemoryTaskLocalStateStore implements TaskLocalStateStore {
  readonly location = "memory";
  private readonly copies = new Map<number, { sourceUri: string; bytes: Buffer }>();

  async store(checkpointId: number, sourceUri: string, bytes: Uint8Array): Promise<void> {
    this.copies.set(checkpointId, { sourceUri, bytes: Buffer.from(bytes) });
  }

  async retrieve(checkpointId: number, sourceUri: string): Promise<Buffer | undefined> {
    const copy = this.copies.get(checkpointId);
    return copy?.sourceUri === sourceUri ? Buffer.from(copy.bytes) : undefined;
  }

  async confirm(checkpointId: number): Promise<void> {
    for (const id of this.copies.keys()) if (id < checkpointId) this.copies.delete(id);
  }

  async abort(checkpointId: number): Promise<void> {
    this.copies.delete(checkpointId);
  }

  async checkpoints(): Promise<number[]> {
    return [...this.copies.keys()].sort((a, b) => a - b);
  }
}
