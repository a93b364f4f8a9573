/**
 * Fraud detection in the style of Flink's tutorial: per account, a small transaction (< $1)
 * followed by a large one (> $500) within a minute raises an alert. A KeyedProcessFunction keeps
 * a flag in keyed state and a processing-time timer that clears it after a minute.
 * Run: npx sluice run examples/fraud-detection.ts [transactions] [-p N]
 */
import { DataGeneratorSource, Time, ValueStateDescriptor, WatermarkStrategy, defineJob, } from "sluice";
const SMALL_AMOUNT = 1.0;
const LARGE_AMOUNT = 500.0;
const ONE_MINUTE = Time.minutes(1);
/** Transaction number i, deterministic; every 97th account sees a planted small-then-large pair. */
export function transaction(i) {
    const accountId = i % 50;
    let amount = 5 + ((i * 7919) % 20_000) / 100; // 5 .. 205
    if (i % 97 === 0)
        amount = 0.5;
    if (i % 97 === 50)
        amount = 950;
    return { accountId, amount, index: i };
}
export class FraudDetector {
    flag;
    timer;
    open(ctx) {
        this.flag = ctx.getState(new ValueStateDescriptor("flag"));
        this.timer = ctx.getState(new ValueStateDescriptor("timer-state"));
    }
    processElement(t, ctx, out) {
        if (this.flag.value() === true) {
            if (t.amount > LARGE_AMOUNT)
                out.collect({ accountId: t.accountId, index: t.index });
            this.cleanUp(ctx);
        }
        if (t.amount < SMALL_AMOUNT) {
            this.flag.update(true);
            const at = ctx.timerService().currentProcessingTime() + ONE_MINUTE;
            ctx.timerService().registerProcessingTimeTimer(at);
            this.timer.update(at);
        }
    }
    /** A minute has passed since the small transaction: forget it. */
    onTimer(_ts, _ctx) {
        this.timer.clear();
        this.flag.clear();
    }
    cleanUp(ctx) {
        const at = this.timer.value();
        if (at !== undefined)
            ctx.timerService().deleteProcessingTimeTimer(at);
        this.timer.clear();
        this.flag.clear();
    }
}
/** One reader: the detector relies on seeing each account's transactions in order. */
export function transactionSource(env, count) {
    return env.fromSource(new DataGeneratorSource(transaction, count), WatermarkStrategy.noWatermarks(), "Transactions").setParallelism(1);
}
export function detectFraud(transactions) {
    return transactions.keyBy((t) => t.accountId).process(new FraudDetector()).name("fraud-detector");
}
export default defineJob((env, args) => {
    env.setJobName("Fraud detection");
    const count = Number(args[0] ?? 10_000);
    detectFraud(transactionSource(env, count)).print("alert");
});
//# sourceMappingURL=fraud-detection.js.map