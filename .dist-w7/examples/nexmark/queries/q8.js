/**
 * q8, monitor new users: people who registered and opened an auction within the same 10 s
 * tumbling window. A window coGroup of people (by id) and auctions (by seller): each such person
 * is reported once per window, however many auctions they opened in it.
 *
 * Both sides are projected to what the result needs before they enter the window: a window
 * keeps its elements until it fires, and whole people and auctions (~200 and ~500 bytes) held
 * for 10 s of events cost more in garbage collection than everything else in this query.
 */
import { TumblingEventTimeWindows } from "sluice";
import { auctions, persons } from "./streams.js";
export const Q8_WINDOW_MS = 10_000;
export function q8(events) {
    const people = persons(events)
        .map((p) => ({ id: p.id, name: p.name, dateTime: p.dateTime }))
        .name("q8: person id, name");
    const sellers = auctions(events)
        .map((a) => a.seller)
        .name("q8: seller");
    return people
        .coGroup(sellers)
        .where((p) => p.id)
        .equalTo((seller) => seller)
        .window(TumblingEventTimeWindows.of(Q8_WINDOW_MS))
        .apply((newPeople, opened, out) => {
        if (opened.length === 0)
            return;
        // Windows are aligned to the epoch: the person's own time gives the window's start.
        for (const p of newPeople)
            out.collect({ id: p.id, name: p.name, starttime: p.dateTime - (p.dateTime % Q8_WINDOW_MS) });
    }, "q8: new users");
}
//# sourceMappingURL=q8.js.map