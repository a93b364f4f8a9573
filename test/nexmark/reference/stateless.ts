/** References of the stateless queries: q0, q1, q2, q10, q13, q14, q21, q22. */
import type { Bid } from "../../../src/connectors/nexmark/index.js";
import type { Q1Result } from "../../../examples/nexmark/queries/q1.js";
import type { Q2Result } from "../../../examples/nexmark/queries/q2.js";
import type { Q10Result } from "../../../examples/nexmark/queries/q10.js";
import type { Q13Result } from "../../../examples/nexmark/queries/q13.js";
import type { Q14Result } from "../../../examples/nexmark/queries/q14.js";
import type { Q21Result } from "../../../examples/nexmark/queries/q21.js";
import type { Q22Result } from "../../../examples/nexmark/queries/q22.js";
import { forEachEvent, type Reference } from "./events.js";

export const q0: Reference<Bid> = (input, emit) =>
  forEachEvent(input, (e) => {
    if (e.type === "bid") emit(e.bid);
  });

const euros = (price: number): number => Math.round(price * 908) / 1000;

export const q1: Reference<Q1Result> = (input, emit) =>
  forEachEvent(input, (e) => {
    if (e.type !== "bid") return;
    const b = e.bid;
    emit({ auction: b.auction, bidder: b.bidder, price: euros(b.price), dateTime: b.dateTime, extra: b.extra });
  });

export const q2: Reference<Q2Result> = (input, emit) =>
  forEachEvent(input, (e) => {
    if (e.type === "bid" && e.bid.auction % 123 === 0) emit({ auction: e.bid.auction, price: e.bid.price });
  });

const two = (n: number): string => String(n).padStart(2, "0");

export const q10: Reference<Q10Result> = (input, emit) =>
  forEachEvent(input, (e) => {
    if (e.type !== "bid") return;
    const b = e.bid;
    const d = new Date(b.dateTime);
    const dt = `${d.getUTCFullYear()}-${two(d.getUTCMonth() + 1)}-${two(d.getUTCDate())}`;
    const hm = `${two(d.getUTCHours())}:${two(d.getUTCMinutes())}`;
    emit({ auction: b.auction, bidder: b.bidder, price: b.price, dateTime: b.dateTime, extra: b.extra, dt, hm });
  });

export const q13: Reference<Q13Result> = (input, emit) =>
  forEachEvent(input, (e) => {
    if (e.type !== "bid") return;
    const b = e.bid;
    const key = b.auction % 10_000;
    emit({ auction: b.auction, bidder: b.bidder, price: b.price, dateTime: b.dateTime, value: `value-${(key * 7919) % 10_000}` });
  });

export const q14: Reference<Q14Result> = (input, emit) =>
  forEachEvent(input, (e) => {
    if (e.type !== "bid") return;
    const b = e.bid;
    const price = euros(b.price);
    if (!(price > 1_000_000 && price < 50_000_000)) return;
    const hour = new Date(b.dateTime).getUTCHours();
    const bidTimeType = hour >= 8 && hour <= 18 ? "dayTime" : hour <= 6 || hour >= 20 ? "nightTime" : "otherTime";
    let c_counts = 0;
    for (let i = 0; i < b.extra.length; i++) if (b.extra.charCodeAt(i) === 99) c_counts++;
    emit({ auction: b.auction, bidder: b.bidder, price, bidTimeType, dateTime: b.dateTime, extra: b.extra, c_counts });
  });

const CHANNEL_IDS: Record<string, string> = { apple: "0", google: "1", facebook: "2", baidu: "3" };
const CHANNEL_ID = /(&|^)channel_id=([^&]*)/;

export const q21: Reference<Q21Result> = (input, emit) =>
  forEachEvent(input, (e) => {
    if (e.type !== "bid") return;
    const b = e.bid;
    const id = CHANNEL_IDS[b.channel.toLowerCase()] ?? CHANNEL_ID.exec(b.url)?.[2];
    if (id !== undefined) emit({ auction: b.auction, bidder: b.bidder, price: b.price, channel: b.channel, channel_id: id });
  });

export const q22: Reference<Q22Result> = (input, emit) =>
  forEachEvent(input, (e) => {
    if (e.type !== "bid") return;
    const b = e.bid;
    const parts = b.url.split("/");
    emit({ auction: b.auction, bidder: b.bidder, price: b.price, channel: b.channel, dir1: parts[3] ?? null, dir2: parts[4] ?? null, dir3: parts[5] ?? null });
  });
