/** Registered error classes for the failure-model tests (test/unit/errors.test.ts). */
import { registerErrorClass, SluiceError } from "../../../src/errors/sluice-error.js";

/** What a test throws on the far side of a boundary. */
export class ProbeError extends SluiceError {}
registerErrorClass(ProbeError);

/** A ProbeError's cause, so that the chain's classes are checked too. */
export class ProbeCauseError extends SluiceError {}
registerErrorClass(ProbeCauseError);

/** The error every test throws remotely: a ProbeError caused by a ProbeCauseError with a code. */
export function probeFailure(): ProbeError {
  const cause = Object.assign(new ProbeCauseError("the disk said no"), { code: "EPROBE" });
  return new ProbeError("probe failed: retry after freeing space", { cause });
}
