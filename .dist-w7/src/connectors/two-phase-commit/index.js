export { recoveryPlan } from "./recovery-plan.js";
//# sourceMappingURL=index.js.map