/**
 * q3, local item suggestion: who sells in Oregon, Idaho or California in category 10, and which
 * auctions. An incremental (unwindowed) inner join of people and auctions on person id = seller:
 * each match is emitted as soon as its second side arrives.
 *
 * Every person is joined, not only those of the three states, so that an auction whose seller
 * lives elsewhere is dropped as soon as the seller is known instead of waiting forever (a
 * seller may appear after their auction: the generator names a few people not created yet).
 */
import {
  ListStateDescriptor,
  ValueStateDescriptor,
  type Auction,
  type Collector,
  type DataStream,
  type KeyedCoProcessFunction,
  type KeyedProcessContext,
  type ListState,
  type NexmarkEvent,
  type Person,
  type StreamingRuntimeContext,
  type ValueState,
} from "sluice";
import { auctions, persons } from "./streams.js";

export interface Q3Result {
  name: string;
  city: string;
  state: string;
  /** The auction id. */
  id: number;
}

export const Q3_STATES: readonly string[] = ["OR", "ID", "CA"];
export const Q3_CATEGORY = 10;

/** What the join keeps of a seller: the person if they qualify, else a marker that they do not. */
type SellerState = Person | "elsewhere";

class LocalItemJoin implements KeyedCoProcessFunction<number, Person, Auction, Q3Result> {
  private seller!: ValueState<SellerState>;
  private waiting!: ListState<Auction>;

  open(ctx: StreamingRuntimeContext): void {
    this.seller = ctx.getState(new ValueStateDescriptor<SellerState>("seller"));
    this.waiting = ctx.getListState(new ListStateDescriptor<Auction>("auctions-waiting-for-seller"));
  }

  processElement1(person: Person, _ctx: KeyedProcessContext<number>, out: Collector<Q3Result>): void {
    const qualifies = Q3_STATES.includes(person.state);
    this.seller.update(qualifies ? person : "elsewhere");
    if (qualifies) for (const a of this.waiting.get()) out.collect(result(person, a));
    this.waiting.clear();
  }

  processElement2(auction: Auction, _ctx: KeyedProcessContext<number>, out: Collector<Q3Result>): void {
    const seller = this.seller.value();
    if (seller === undefined) this.waiting.add(auction);
    else if (seller !== "elsewhere") out.collect(result(seller, auction));
  }
}

function result(p: Person, a: Auction): Q3Result {
  return { name: p.name, city: p.city, state: p.state, id: a.id };
}

export function q3(events: DataStream<NexmarkEvent>): DataStream<Q3Result> {
  const category10 = auctions(events)
    .filter((a) => a.category === Q3_CATEGORY)
    .name("q3: category 10");
  return persons(events)
    .keyBy((p) => p.id)
    .connect(category10.keyBy((a) => a.seller))
    .process(new LocalItemJoin())
    .name("q3: join sellers");
}
