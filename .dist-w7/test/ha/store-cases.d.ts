import type { HighAvailabilityServices } from "../../src/cluster/ha/interface.js";
export declare function newJobId(): string;
export declare function defineStoreCases(services: () => HighAvailabilityServices): void;
