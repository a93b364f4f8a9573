/**
 * The Nexmark generator: a pure function of (config, event number) with the benchmark's shape:
 * 1:3:46 proportions, bids on existing auctions by existing people, event time from the rate,
 * records of the configured average size, and parallel splits that add up to the serial run.
 */
import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import { createHash } from "node:crypto";
import { describe, it } from "node:test";
import { AUCTION_ID_LEAD, FIRST_AUCTION_ID, FIRST_PERSON_ID, PERSON_ID_LEAD, createNexmarkConfig, eventNumbers, eventRangeSize, nexmarkEvent, nexmarkEventByteSize, nexmarkEventTime, nexmarkEventTimestamp, nexmarkEventType, nexmarkEvents, skipEvents, splitEventRange, } from "../../src/connectors/nexmark/index.js";
const config = createNexmarkConfig();
function serial(count, c = config) {
    return Array.from({ length: count }, (_, n) => nexmarkEvent(n, c));
}
function fingerprint(events) {
    return createHash("sha256").update(JSON.stringify(events)).digest("hex");
}
describe("nexmark generator: determinism", () => {
    it("gives the same event for the same (config, event number), in any order of calls", () => {
        const forward = serial(2_000);
        const backward = [];
        for (let n = 1_999; n >= 0; n--)
            backward[n] = nexmarkEvent(n, config);
        assert.deepEqual(backward, forward);
        // A structurally equal config object (as after deserialization on a worker) gives the same.
        const copy = JSON.parse(JSON.stringify(config));
        assert.deepEqual(serial(2_000, copy), forward);
    });
    it("gives the same events in another process", () => {
        const script = `
      import { createHash } from "node:crypto";
      import { createNexmarkConfig, nexmarkEvent } from "./src/connectors/nexmark/index.ts";
      const c = createNexmarkConfig({ seed: 42 });
      const events = Array.from({ length: 2000 }, (_, n) => nexmarkEvent(n, c));
      process.stdout.write(createHash("sha256").update(JSON.stringify(events)).digest("hex"));
    `;
        const other = execFileSync(process.execPath, ["--import", "tsx", "--input-type=module", "-e", script], {
            encoding: "utf8",
            timeout: 20_000,
        });
        assert.equal(other, fingerprint(serial(2_000, createNexmarkConfig({ seed: 42 }))));
    });
    it("changes the random content but not the shape with the seed", () => {
        const a = serial(500);
        const b = serial(500, createNexmarkConfig({ seed: 7 }));
        assert.notDeepEqual(a, b);
        assert.deepEqual(b.map((e) => e.type), a.map((e) => e.type));
        assert.deepEqual(b.map(nexmarkEventTime), a.map(nexmarkEventTime));
        const ids = (events) => events.flatMap((e) => (e.type === "person" ? [e.person.id] : e.type === "auction" ? [e.auction.id] : []));
        assert.deepEqual(ids(b), ids(a), "new person and auction ids depend only on the event id");
    });
    it("rejects invalid configs and event numbers with clear errors", () => {
        assert.throws(() => createNexmarkConfig({ personProportion: 0 }), /personProportion must be an integer ≥ 1/);
        assert.throws(() => createNexmarkConfig({ firstEventRate: -5 }), /firstEventRate must be a positive number/);
        assert.throws(() => nexmarkEvent(-1, config), /eventNumber must be a non-negative integer/);
        assert.throws(() => nexmarkEvent(1.5, config), /eventNumber must be a non-negative integer/);
        assert.throws(() => splitEventRange(10, 2, 2), /subtaskIndex must be in \[0, 2\)/);
        assert.equal(createNexmarkConfig({ firstEventRate: 500 }).nextEventRate, 500);
    });
});
describe("nexmark generator: proportions and ids", () => {
    it("has exactly 1 person, 3 auctions and 46 bids in every 50 consecutive events", () => {
        for (const c of [config, createNexmarkConfig({ firstEventId: 17 })]) {
            for (const start of [0, 1, 17, 49, 12_345, 1_000_000_007]) {
                const counts = { person: 0, auction: 0, bid: 0 };
                for (let n = start; n < start + 50; n++) {
                    const event = nexmarkEvent(n, c);
                    assert.equal(event.type, nexmarkEventType(n, c));
                    counts[event.type]++;
                }
                assert.deepEqual(counts, { person: 1, auction: 3, bid: 46 }, `window at ${start}`);
            }
        }
    });
    it("numbers people and auctions densely, and bids refer to people and auctions that exist", () => {
        const total = 100_000;
        const horizon = 2_000; // leads reach at most ~10 people (500 events) or ~10 auctions ahead
        const events = serial(total);
        const personCreatedAt = new Map();
        const auctionCreatedAt = new Map();
        events.forEach((e, n) => {
            if (e.type === "person")
                personCreatedAt.set(e.person.id, n);
            if (e.type === "auction")
                auctionCreatedAt.set(e.auction.id, n);
        });
        assert.deepEqual([...personCreatedAt.keys()], range(FIRST_PERSON_ID, FIRST_PERSON_ID + total / 50));
        assert.deepEqual([...auctionCreatedAt.keys()], range(FIRST_AUCTION_ID, FIRST_AUCTION_ID + (3 * total) / 50));
        let people = 0;
        let auctions = 0;
        let bidsChecked = 0;
        let hotAuctionBids = 0;
        for (let n = 0; n < total - horizon; n++) {
            const e = events[n];
            if (e.type === "person")
                people++;
            else if (e.type === "auction") {
                auctions++;
                assert.ok(personCreatedAt.has(e.auction.seller), `auction ${e.auction.id}: seller ${e.auction.seller} never exists`);
                assert.ok(e.auction.seller < FIRST_PERSON_ID + people + PERSON_ID_LEAD);
                assert.ok(e.auction.expires > e.auction.dateTime);
            }
            else {
                const { auction, bidder } = e.bid;
                assert.ok(auctionCreatedAt.has(auction), `bid ${n}: auction ${auction} never exists`);
                assert.ok(personCreatedAt.has(bidder), `bid ${n}: bidder ${bidder} never exists`);
                // Within the lead of what exists now, and among the in-flight auctions / active people.
                assert.ok(auction < FIRST_AUCTION_ID + auctions + AUCTION_ID_LEAD, `bid ${n}: auction ${auction} too far ahead`);
                assert.ok(auction >= FIRST_AUCTION_ID + auctions - 1 - Math.max(config.numInFlightAuctions, 99), `bid ${n}: stale auction`);
                assert.ok(bidder < FIRST_PERSON_ID + people + PERSON_ID_LEAD, `bid ${n}: bidder ${bidder} too far ahead`);
                assert.ok(bidder >= FIRST_PERSON_ID + people - Math.max(config.numActivePeople, 100), `bid ${n}: inactive bidder`);
                if ((auction - FIRST_AUCTION_ID) % 100 === 0)
                    hotAuctionBids++;
                bidsChecked++;
            }
        }
        // hotAuctionRatio 2: about half the bids go to the hot auction of the current batch.
        assert.ok(hotAuctionBids / bidsChecked > 0.45, `hot auction share ${hotAuctionBids / bidsChecked}`);
    });
});
describe("nexmark generator: parallel split", () => {
    it("splits into disjoint ranges whose union is the serial sequence", () => {
        const total = 10_007;
        const expected = serial(total);
        for (const parallelism of [1, 2, 3, 7]) {
            const merged = new Array(total);
            const seen = new Set();
            let size = 0;
            for (let i = 0; i < parallelism; i++) {
                const range = splitEventRange(total, parallelism, i);
                size += eventRangeSize(range);
                for (const n of eventNumbers(range)) {
                    assert.ok(!seen.has(n), `event ${n} generated twice at parallelism ${parallelism}`);
                    seen.add(n);
                    merged[n] = nexmarkEvent(n, config);
                }
            }
            assert.equal(size, total);
            assert.equal(seen.size, total);
            assert.deepEqual(merged, expected, `parallelism ${parallelism}`);
        }
    });
    it("resumes a range after the events already emitted (restore from a checkpoint)", () => {
        const range = splitEventRange(1_000, 3, 1);
        const all = [...nexmarkEvents(range, config)];
        const resumed = [...nexmarkEvents(skipEvents(range, 100), config)];
        assert.deepEqual(resumed, all.slice(100));
        const unbounded = splitEventRange(Infinity, 4, 3);
        assert.equal(eventRangeSize(unbounded), Infinity);
        const firsts = [];
        for (const n of eventNumbers(unbounded)) {
            if (firsts.push(n) === 5)
                break;
        }
        assert.deepEqual(firsts, [3, 7, 11, 15, 19]);
    });
});
describe("nexmark generator: event time", () => {
    it("is non-decreasing and spaced by the rate, serially and within each subtask", () => {
        const c = createNexmarkConfig({ firstEventRate: 10_000 });
        const times = serial(20_000, c).map(nexmarkEventTime);
        for (let n = 1; n < times.length; n++)
            assert.ok(times[n] >= times[n - 1], `event ${n} goes back in time`);
        for (const n of [0, 9, 10, 12_345, 19_999])
            assert.equal(times[n], c.baseTime + Math.floor(n / 10));
        assert.equal(nexmarkEventTimestamp(1_000_000, c), c.baseTime + 100_000);
        for (let i = 0; i < 3; i++) {
            let last = -Infinity;
            for (const event of nexmarkEvents(splitEventRange(5_000, 3, i), c)) {
                assert.ok(nexmarkEventTime(event) >= last);
                last = nexmarkEventTime(event);
            }
        }
    });
    it("follows a square rate shape: 1000/s for 5 s, then 100/s for 5 s, repeating", () => {
        const c = createNexmarkConfig({ firstEventRate: 1_000, nextEventRate: 100, rateShape: "square", ratePeriodSec: 10 });
        const t = (n) => nexmarkEventTimestamp(n, c) - c.baseTime;
        assert.equal(t(0), 0);
        assert.equal(t(4_999), 4_999);
        assert.equal(t(5_000), 5_000);
        assert.equal(t(5_001), 5_010);
        assert.equal(t(5_499), 9_990);
        assert.equal(t(5_500), 10_000); // next period
        assert.equal(t(5_501), 10_001);
        let last = -1;
        for (let n = 0; n < 12_000; n++) {
            assert.ok(t(n) >= last);
            last = t(n);
        }
        const sine = createNexmarkConfig({ firstEventRate: 1_000, nextEventRate: 100, rateShape: "sine", ratePeriodSec: 10 });
        last = -1;
        for (let n = 0; n < 12_000; n++) {
            const time = nexmarkEventTimestamp(n, sine);
            assert.ok(time >= last);
            last = time;
        }
    });
});
describe("nexmark generator: sizes", () => {
    it("reaches the configured average sizes", () => {
        for (const c of [config, createNexmarkConfig({ avgPersonByteSize: 400, avgAuctionByteSize: 1_000, avgBidByteSize: 300 })]) {
            const sums = { person: 0, auction: 0, bid: 0 };
            const counts = { person: 0, auction: 0, bid: 0 };
            for (let n = 0; n < 100_000; n++) {
                const event = nexmarkEvent(n, c);
                sums[event.type] += nexmarkEventByteSize(event);
                counts[event.type]++;
            }
            const targets = { person: c.avgPersonByteSize, auction: c.avgAuctionByteSize, bid: c.avgBidByteSize };
            for (const type of ["person", "auction", "bid"]) {
                const average = sums[type] / counts[type];
                assert.ok(Math.abs(average - targets[type]) / targets[type] < 0.03, `${type}: average ${average}, target ${targets[type]}`);
            }
        }
    });
});
function range(from, to) {
    return Array.from({ length: to - from }, (_, i) => from + i);
}
//# sourceMappingURL=nexmark-generator.test.js.map