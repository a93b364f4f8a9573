/** A job whose user function throws on one record (args: [failAt]). */
import { defineJob } from "sluice";
class InvalidReadingError extends Error {
    name = "InvalidReadingError";
}
function checkReading(n, failAt) {
    if (n === failAt)
        throw new InvalidReadingError(`reading ${n} is invalid`);
    return n;
}
export default defineJob((env, args) => {
    const failAt = Number(args[0] ?? 500);
    void env
        .fromSequence(1, 1000)
        .map((n) => checkReading(n, failAt))
        .executeAndCollect();
});
//# sourceMappingURL=throwing.js.map