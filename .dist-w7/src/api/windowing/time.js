/** Durations in milliseconds, the unit of every time in Sluice: `Time.minutes(1) === 60_000`. */
export const Time = {
    milliseconds: (n) => n,
    seconds: (n) => n * 1000,
    minutes: (n) => n * 60_000,
    hours: (n) => n * 3_600_000,
    days: (n) => n * 86_400_000,
};
//# sourceMappingURL=time.js.map