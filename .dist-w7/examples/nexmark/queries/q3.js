/**
 * q3, local item suggestion: who sells in Oregon, Idaho or California in category 10, and which
 * auctions. An incremental (unwindowed) inner join of people and auctions on person id = seller:
 * each match is emitted as soon as its second side arrives.
 *
 * Every person is joined, not only those of the three states, so that an auction whose seller
 * lives elsewhere is dropped as soon as the seller is known instead of waiting forever (a
 * seller may appear after their auction: the generator names a few people not created yet).
 * Both sides are projected to the result's columns before the shuffle, as a SQL planner would.
 */
import { ListStateDescriptor, ValueStateDescriptor, } from "sluice";
import { auctions, persons } from "./streams.js";
export const Q3_STATES = ["OR", "ID", "CA"];
export const Q3_CATEGORY = 10;
class LocalItemJoin {
    seller;
    waiting;
    open(ctx) {
        this.seller = ctx.getState(new ValueStateDescriptor("seller"));
        this.waiting = ctx.getListState(new ListStateDescriptor("auctions-waiting-for-seller"));
    }
    processElement1(person, _ctx, out) {
        const local = person.local;
        this.seller.update(local ?? "elsewhere");
        if (local)
            for (const id of this.waiting.get())
                out.collect({ ...local, id });
        this.waiting.clear();
    }
    processElement2(auction, _ctx, out) {
        const seller = this.seller.value();
        if (seller === undefined)
            this.waiting.add(auction.id);
        else if (seller !== "elsewhere")
            out.collect({ ...seller, id: auction.id });
    }
}
export function q3(events) {
    const sellers = persons(events)
        .map((p) => (Q3_STATES.includes(p.state) ? { id: p.id, local: { name: p.name, city: p.city, state: p.state } } : { id: p.id }))
        .name("q3: local seller?");
    const category10 = auctions(events)
        .flatMap((a, out) => {
        if (a.category === Q3_CATEGORY)
            out.collect({ id: a.id, seller: a.seller });
    })
        .name("q3: category 10");
    return sellers
        .keyBy((p) => p.id)
        .connect(category10.keyBy((a) => a.seller))
        .process(new LocalItemJoin())
        .name("q3: join sellers");
}
//# sourceMappingURL=q3.js.map