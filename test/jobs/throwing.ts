/** A job whose user function throws on one record (args: [failAt]). */
import { defineJob } from "sluice";

class InvalidReadingError extends Error {
  override name = "InvalidReadingError";
}

function checkReading(n: number, failAt: number): number {
  if (n === failAt) throw new InvalidReadingError(`reading ${n} is invalid`);
  return n;
}

export default defineJob((env, args) => {
  const failAt = Number(args[0] ?? 500);
  void env
    .fromSequence(1, 1000)
    .map((n) => checkReading(n, failAt))
    .executeAndCollect();
});
