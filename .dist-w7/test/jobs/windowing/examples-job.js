/** The two state-and-time examples' pipelines with collect sinks, for the tests. Args: [views, transactions] */
import { defineJob } from "sluice";
import { pageViewCounts, pageViewSource } from "../../../examples/page-view-counts.js";
import { detectFraud, transactionSource } from "../../../examples/fraud-detection.js";
import { collectAs } from "./support/collect.js";
export default defineJob((env, args) => {
    collectAs(pageViewCounts(pageViewSource(env, Number(args[0] ?? 3000))), "page-views");
    collectAs(detectFraud(transactionSource(env, Number(args[1] ?? 5000))), "alerts");
});
//# sourceMappingURL=examples-job.js.map