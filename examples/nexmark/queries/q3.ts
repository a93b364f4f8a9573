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
import {
  ListStateDescriptor,
  ValueStateDescriptor,
  type Collector,
  type DataStream,
  type KeyedCoProcessFunction,
  type KeyedProcessContext,
  type ListState,
  type NexmarkEvent,
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

/** A person as the join sees them: the result's columns, or just the id of one living elsewhere. */
interface Seller {
  id: number;
  local?: { name: string; city: string; state: string };
}

interface SoldItem {
  id: number;
  seller: number;
}

/** What the join keeps of a seller: the person if they qualify, else a marker that they do not. */
type SellerState = NonNullable<Seller["local"]> | "elsewhere";

class LocalItemJoin implements KeyedCoProcessFunction<number, Seller, SoldItem, Q3Result> {
  private seller!: ValueState<SellerState>;
  private waiting!: ListState<number>;

  open(ctx: StreamingRuntimeContext): void {
    this.seller = ctx.getState(new ValueStateDescriptor<SellerState>("seller"));
    this.waiting = ctx.getListState(new ListStateDescriptor<number>("auctions-waiting-for-seller"));
  }

  processElement1(person: Seller, _ctx: KeyedProcessContext<number>, out: Collector<Q3Result>): void {
    const local = person.local;
    this.seller.update(local ?? "elsewhere");
    if (local) for (const id of this.waiting.get()) out.collect({ ...local, id });
    this.waiting.clear();
  }

  processElement2(auction: SoldItem, _ctx: KeyedProcessContext<number>, out: Collector<Q3Result>): void {
    const seller = this.seller.value();
    if (seller === undefined) this.waiting.add(auction.id);
    else if (seller !== "elsewhere") out.collect({ ...seller, id: auction.id });
  }
}

export function q3(events: DataStream<NexmarkEvent>): DataStream<Q3Result> {
  const sellers = persons(events)
    .map((p): Seller => (Q3_STATES.includes(p.state) ? { id: p.id, local: { name: p.name, city: p.city, state: p.state } } : { id: p.id }))
    .name("q3: local seller?");
  const category10 = auctions(events)
    .flatMap((a, out: Collector<SoldItem>) => {
      if (a.category === Q3_CATEGORY) out.collect({ id: a.id, seller: a.seller });
    })
    .name("q3: category 10");
  return sellers
    .keyBy((p) => p.id)
    .connect(category10.keyBy((a) => a.seller))
    .process(new LocalItemJoin())
    .name("q3: join sellers");
}
