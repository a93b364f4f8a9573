/**
 * Every window type, trigger, evictor and lateness case over one out-of-order event stream with
 * late events; each pipeline's results go to a named collect sink. The source runs at
 * parallelism 1 (so watermarks are deterministic, see epoch-source.ts); windows at the job's.
 * Args: [seed]
 */
import { OutputTag } from "sluice";
import { type Ev } from "./support/events.js";
export declare const LATE: OutputTag<Ev>;
declare const _default: import("sluice").JobDefinition;
export default _default;
