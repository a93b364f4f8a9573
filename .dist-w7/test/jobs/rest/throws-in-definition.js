/** A broken bundle: its job definition throws. */
import { defineJob } from "sluice";
export default defineJob(() => {
    throw new Error("the definition refuses to build a pipeline");
});
//# sourceMappingURL=throws-in-definition.js.map