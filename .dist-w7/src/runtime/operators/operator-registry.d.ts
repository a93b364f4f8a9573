import type { OperatorFactory } from "./stream-operator.js";
export declare function registerOperator(kind: string, factory: OperatorFactory): void;
export declare function operatorFactory(kind: string): OperatorFactory;
