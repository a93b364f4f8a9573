/**
 * Versions of the heap backend's state and the pins snapshots take on them
 * (docs/architecture.md, "Snapshots that do not stop the task").
 */
import type { StateKey } from "../state-key.js";

/** A snapshot's claim on the state as of one version. */
export class StatePin {
  constructor(
    readonly id: number,
    /** Entries written before this version belong to the snapshot. */
    readonly version: number,
  ) {}
}

/** The version counter of one backend, shared by its maps. */
export class StateVersions {
  /** Version of entries written now; each pin starts a new one. */
  version = 0;
  private nextPinId = 1;

  pin(): StatePin {
    return new StatePin(this.nextPinId++, ++this.version);
  }
}

/**
 * One key group's entries of a table that a snapshot can pin: the copy-on-write state maps, and
 * whatever else a heap snapshot writes per key group (timer queues) without copying it in the
 * synchronous part.
 */
export interface PinnableKeyGroup {
  /** The synchronous part: from now on `pinnedEntries(pin)` gives the entries as they are now. */
  pin(pin: StatePin): void;
  /** Gives up the pin's claim; idempotent. */
  unpin(pin: StatePin): void;
  /** The entries as of the pin, read while the task goes on; unpins when done or closed. */
  pinnedEntries(pin: StatePin): Generator<[StateKey, unknown], void, undefined>;
}
