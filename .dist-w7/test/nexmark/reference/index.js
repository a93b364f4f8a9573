import { q3, q8, q20 } from "./joins.js";
import { q0, q1, q2, q10, q13, q14, q21, q22 } from "./stateless.js";
import { q18, q19 } from "./updating.js";
import { q4, q6, q9 } from "./winning-bids.js";
import { q5, q7, q11, q12, q15, q16, q17 } from "./windows.js";
export const REFERENCES = {
    q0,
    q1,
    q2,
    q3,
    q4,
    q5,
    q6,
    q7,
    q8,
    q9,
    q10,
    q11,
    q12,
    q13,
    q14,
    q15,
    q16,
    q17,
    q18,
    q19,
    q20,
    q21,
    q22,
};
export { forEachEvent, referenceInput } from "./events.js";
//# sourceMappingURL=index.js.map