/** A hostile bundle: its job definition allocates until something stops it. */
import { defineJob } from "sluice";
export default defineJob((env) => {
    const hoard = [];
    // 16 MB of doubles per step: the heap limit is reached within a few steps.
    for (;;)
        hoard.push(new Array(2_000_000).fill(hoard.length + 0.5));
    env.fromSequence(1, 10).print();
});
//# sourceMappingURL=allocates-forever.js.map