/**
 * Where ids come from. Components take an IdSource so that the deterministic simulation can give
 * them ids from its seeded random source: a replayed seed then produces the same ids, hence the
 * same trace.
 */
import { randomUUID } from "node:crypto";

export type IdSource = () => string;

/** Random UUIDs (the default outside the simulation). */
export const randomIds: IdSource = () => randomUUID();
