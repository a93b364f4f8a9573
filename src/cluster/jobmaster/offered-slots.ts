/**
 * The slots a JobMaster holds (docs/architecture.md, "Scheduling"): by allocation id, with indexes by
 * TaskManager and by TaskManager slot, so that slot offers and heartbeat reconciliation cost what
 * they touch, not the size of the job.
 */
import type { HeldSlotView } from "./task-executor-reconciliation.js";

export interface OfferedSlot extends HeldSlotView {
  slotIndex: number;
}

export class OfferedSlots {
  private readonly byAllocation = new Map<string, OfferedSlot>();
  private readonly byTaskManager = new Map<string, Map<number, OfferedSlot>>();

  get size(): number {
    return this.byAllocation.size;
  }

  has(allocationId: string): boolean {
    return this.byAllocation.has(allocationId);
  }

  values(): IterableIterator<OfferedSlot> {
    return this.byAllocation.values();
  }

  /** The slot held at a TaskManager's slot index, under whatever allocation. */
  at(taskManagerId: string, slotIndex: number): OfferedSlot | undefined {
    return this.byTaskManager.get(taskManagerId)?.get(slotIndex);
  }

  on(taskManagerId: string): OfferedSlot[] {
    return [...(this.byTaskManager.get(taskManagerId)?.values() ?? [])];
  }

  /** Adds a slot; one held before at the same TaskManager slot (under another allocation) is replaced and returned. */
  add(slot: OfferedSlot): OfferedSlot | undefined {
    const previous = this.at(slot.taskManagerId, slot.slotIndex);
    if (previous) this.delete(previous.allocationId);
    this.byAllocation.set(slot.allocationId, slot);
    let slots = this.byTaskManager.get(slot.taskManagerId);
    if (!slots) this.byTaskManager.set(slot.taskManagerId, (slots = new Map()));
    slots.set(slot.slotIndex, slot);
    return previous && previous.allocationId !== slot.allocationId ? previous : undefined;
  }

  delete(allocationId: string): void {
    const slot = this.byAllocation.get(allocationId);
    if (!slot) return;
    this.byAllocation.delete(allocationId);
    const slots = this.byTaskManager.get(slot.taskManagerId);
    slots?.delete(slot.slotIndex);
    if (slots?.size === 0) this.byTaskManager.delete(slot.taskManagerId);
  }

  /** Removes and returns every slot. */
  clear(): OfferedSlot[] {
    const all = [...this.byAllocation.values()];
    this.byAllocation.clear();
    this.byTaskManager.clear();
    return all;
  }
}
