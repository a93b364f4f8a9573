/** A hostile bundle: its job definition never returns. */
import { defineJob } from "sluice";
export default defineJob((env) => {
    env.fromSequence(1, 10).print();
    for (;;) {
        // spin
    }
});
//# sourceMappingURL=loops-forever.js.map