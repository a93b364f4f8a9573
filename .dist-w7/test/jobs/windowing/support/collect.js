export const COLLECT_PREFIX = "collect:";
export function collectAs(stream, name) {
    stream.env.addOperator("collect", COLLECT_PREFIX + name, stream.inputs, {}).setParallelism(1).disableChaining();
}
//# sourceMappingURL=collect.js.map