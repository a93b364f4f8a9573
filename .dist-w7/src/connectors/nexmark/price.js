// 10^(u·6) = e^(u·6·ln 10); exp is much cheaper than pow, and 32 random bits are plenty here.
const LOG_SCALE_PER_UNIT = (6 * Math.LN10) / 4294967296;
/** A price in cents, log-uniform between $1 and $1,000,000 as in Nexmark. */
export function nextPrice(random) {
    return Math.round(Math.exp(random.nextU32() * LOG_SCALE_PER_UNIT) * 100);
}
//# sourceMappingURL=price.js.map