/**
 * q3, local item suggestion: who sells in Oregon, Idaho or California in category 10, and which
 * auctions. An incremental (unwindowed) inner join of people and auctions on person id = seller:
 * each match is emitted as soon as its second side arrives.
 *
 * Every person is joined, not only those of the three states, so that an auction whose seller
 * lives elsewhere is dropped as soon as the seller is known instead of waiting forever (a
 * seller may appear after their auction: the generator names a few people not created yet).
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
        const qualifies = Q3_STATES.includes(person.state);
        this.seller.update(qualifies ? person : "elsewhere");
        if (qualifies)
            for (const a of this.waiting.get())
                out.collect(result(person, a));
        this.waiting.clear();
    }
    processElement2(auction, _ctx, out) {
        const seller = this.seller.value();
        if (seller === undefined)
            this.waiting.add(auction);
        else if (seller !== "elsewhere")
            out.collect(result(seller, auction));
    }
}
function result(p, a) {
    return { name: p.name, city: p.city, state: p.state, id: a.id };
}
export function q3(events) {
    const category10 = auctions(events)
        .filter((a) => a.category === Q3_CATEGORY)
        .name("q3: category 10");
    return persons(events)
        .keyBy((p) => p.id)
        .connect(category10.keyBy((a) => a.seller))
        .process(new LocalItemJoin())
        .name("q3: join sellers");
}
//# sourceMappingURL=q3.js.map