/**
 * The leadership fence of an election whose stores live in the same process (standalone, and the
 * simulation's ensemble): a store change happens at once, so the check right before it is atomic
 * with it (docs/architecture.md, "High availability").
 */
import type { LeadershipFence } from "../interface.js";

export function localLeadershipFence(sessionId: string, holds: () => boolean): LeadershipFence {
  return { sessionId, holds };
}
