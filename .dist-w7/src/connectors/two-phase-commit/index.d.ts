export { recoveryPlan, type PendingTransaction, type RecoveryPlan, type SubtaskTransactions } from "./recovery-plan.js";
