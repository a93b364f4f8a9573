/**
 * Calls the checkpoint methods of an operator's user functions (CheckpointedFunction,
 * CheckpointListener; src/api/checkpointed-function.ts) around the operator's own:
 * initializeState before open(), snapshotState when the barrier arrives (before the operator's
 * state is read), and the notifications after the operator's. Every operator made by the
 * registry gets this, so every kind of user function can take part (docs/architecture.md,
 * "User functions in checkpoints").
 */
import type { CheckpointHooks, FunctionInitializationContext } from "../../api/checkpointed-function.js";
import type { KeyedStateStore } from "../../api/state/state.js";
import { SluiceError, registerErrorClass } from "../../errors/sluice-error.js";
import { DelegatingOperator } from "./delegating-operator.js";
import type { OperatorContext, SnapshotOptions, StreamOperator } from "./stream-operator.js";

/** A user function's checkpoint method broke its contract or threw. */
export class UserCheckpointHookError extends SluiceError {}
registerErrorClass(UserCheckpointHookError);

const HOOKS = ["initializeState", "snapshotState", "notifyCheckpointComplete", "notifyCheckpointAborted"] as const;

function hasHooks(v: unknown): v is CheckpointHooks {
  return (typeof v === "object" || typeof v === "function") && v !== null && HOOKS.some((h) => typeof (v as Record<string, unknown>)[h] === "function");
}

function isPlainObject(v: unknown): v is Record<string, unknown> {
  return typeof v === "object" && v !== null && Object.getPrototypeOf(v) === Object.prototype;
}

/**
 * The user functions among an operator's bound objects. Functions sit directly in `fns`, or one or
 * two levels down in a plain spec object (a window's contents) or behind `userFunction` (the sink
 * wrapping an addSink function).
 */
export function checkpointParticipants(fns: Readonly<Record<string, unknown>>): CheckpointHooks[] {
  const found = new Set<CheckpointHooks>();
  const visit = (v: unknown, depth: number): void => {
    if (hasHooks(v)) found.add(v);
    else if (depth < 2 && v !== null && typeof v === "object") {
      const wrapped = (v as { userFunction?: unknown }).userFunction;
      if (wrapped !== undefined) visit(wrapped, depth + 1);
      if (isPlainObject(v)) for (const inner of Object.values(v)) visit(inner, depth + 1);
    }
  };
  for (const v of Object.values(fns)) visit(v, 0);
  return [...found];
}

/** The operator itself when none of its functions has checkpoint methods, else the operator wrapped. */
export function withUserCheckpointHooks(ctx: OperatorContext, op: StreamOperator): StreamOperator {
  const participants = checkpointParticipants(ctx.fns);
  return participants.length === 0 ? op : new UserCheckpointHooksOperator(ctx, op, participants);
}

class UserCheckpointHooksOperator extends DelegatingOperator {
  private restored = false;
  /**
   * Savepoints taken and not yet completed or aborted. Their completion is not passed on: failover
   * never restores a savepoint, so a function committing on it could lose what it committed (the
   * rule of sources and two-phase-commit sinks, stream-operator.ts). The job resumed from the
   * savepoint commits what the savepoint holds.
   */
  private readonly savepoints = new Set<number>();

  constructor(
    ctx: OperatorContext,
    inner: StreamOperator,
    private readonly participants: CheckpointHooks[],
  ) {
    super(ctx, inner);
  }

  override initializeState(restored: boolean): void {
    this.restored = restored;
    this.inner.initializeState(restored);
  }

  override async open(): Promise<void> {
    const context = this.initializationContext();
    for (const fn of this.participants) {
      if (!fn.initializeState) continue;
      try {
        await fn.initializeState(context);
      } catch (e) {
        throw new UserCheckpointHookError(`initializeState() of a user function of "${this.ctx.descriptor.name}" threw: ${(e as Error).message}`, { cause: e });
      }
    }
    await this.inner.open();
  }

  private initializationContext(): FunctionInitializationContext {
    const restored = this.restored;
    // The registry always gives the context state access (state-context.ts).
    const runtime = this.ctx.runtimeContext as unknown as KeyedStateStore;
    const operatorState = this.ctx.operatorState!;
    const keyed = this.ctx.keyedState ? runtime : undefined;
    return { isRestored: () => restored, getOperatorStateStore: () => operatorState, getKeyedStateStore: () => keyed };
  }

  override snapshotState(checkpointId: number, options?: SnapshotOptions): void | Promise<void> {
    if (options?.isSavepoint) this.savepoints.add(checkpointId);
    const timestamp = options?.timestamp ?? Date.now();
    const context = { getCheckpointId: () => checkpointId, getCheckpointTimestamp: () => timestamp };
    for (const fn of this.participants) {
      const r: unknown = fn.snapshotState?.(context);
      if (r !== undefined && typeof (r as PromiseLike<unknown>).then === "function") {
        throw new UserCheckpointHookError(
          `snapshotState() of a user function of "${this.ctx.descriptor.name}" returned a promise: it must be synchronous, ` +
            "since the operator's state is read as soon as it returns. Copy what you need into state synchronously, " +
            "and do asynchronous work in notifyCheckpointComplete().",
        );
      }
    }
    return this.inner.snapshotState(checkpointId, options);
  }

  override async notifyCheckpointComplete(checkpointId: number): Promise<void> {
    await this.inner.notifyCheckpointComplete(checkpointId);
    if (this.savepoints.delete(checkpointId)) return;
    for (const fn of this.participants) await fn.notifyCheckpointComplete?.(checkpointId);
  }

  override notifyCheckpointAborted(checkpointId: number): void {
    this.inner.notifyCheckpointAborted(checkpointId);
    if (this.savepoints.delete(checkpointId)) return;
    for (const fn of this.participants) fn.notifyCheckpointAborted?.(checkpointId);
  }
}
