/**
 * q8, monitor new users: people who registered and opened an auction within the same 10 s
 * tumbling window. A window coGroup of people (by id) and auctions (by seller): each such person
 * is reported once per window, however many auctions they opened in it.
 */
import { TumblingEventTimeWindows } from "sluice";
import { auctions, persons } from "./streams.js";
export const Q8_WINDOW_MS = 10_000;
export function q8(events) {
    return persons(events)
        .coGroup(auctions(events))
        .where((p) => p.id)
        .equalTo((a) => a.seller)
        .window(TumblingEventTimeWindows.of(Q8_WINDOW_MS))
        .apply((people, opened, out) => {
        if (opened.length === 0)
            return;
        // Windows are aligned to the epoch: the person's own time gives the window's start.
        for (const p of people)
            out.collect({ id: p.id, name: p.name, starttime: p.dateTime - (p.dateTime % Q8_WINDOW_MS) });
    }, "q8: new users");
}
//# sourceMappingURL=q8.js.map