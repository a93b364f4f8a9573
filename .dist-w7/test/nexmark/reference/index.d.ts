/** The reference of every query, by name. */
import type { Reference } from "./events.js";
export declare const REFERENCES: Record<string, Reference<unknown>>;
export { forEachEvent, referenceInput, type Reference, type ReferenceInput } from "./events.js";
