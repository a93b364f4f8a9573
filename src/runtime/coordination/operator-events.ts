/**
 * Operator events (Flink's OperatorEvent): what a task's operators and their coordinators in the
 * JobMaster say to each other, over one path in each direction (slot worker port, TaskExecutor,
 * RPC). Source readers talk to their split enumerators and to watermark alignment; the collect sink
 * to its collect coordinator (collect-protocol.ts).
 */
import type { CollectAck, CollectPush } from "./collect-protocol.js";
import type { EnumeratorToReader, ReaderToEnumerator } from "./source-events.js";

export type OperatorEventToCoordinator = ReaderToEnumerator | CollectPush;
export type OperatorEventToTask = EnumeratorToReader | CollectAck;
