/** Durations in milliseconds, the unit of every time in Sluice: `Time.minutes(1) === 60_000`. */
export declare const Time: {
    readonly milliseconds: (n: number) => number;
    readonly seconds: (n: number) => number;
    readonly minutes: (n: number) => number;
    readonly hours: (n: number) => number;
    readonly days: (n: number) => number;
};
