export * from "./model.js";
export { DEFAULT_NEXMARK_CONFIG, createNexmarkConfig, validateNexmarkConfig, type NexmarkGeneratorConfig, type RateShape, } from "./generator-config.js";
export { eventNumbers, eventRangeSize, nexmarkEvent, nexmarkEventTimestamp, nexmarkEventType, nexmarkEvents, skipEvents, splitEventRange, type EventRange, } from "./generator.js";
export { FIRST_AUCTION_ID, FIRST_PERSON_ID, AUCTION_ID_LEAD, PERSON_ID_LEAD } from "./ids.js";
export { auctionByteSize, bidByteSize, nexmarkEventByteSize, personByteSize } from "./sizes.js";
export { NexmarkSource, NexmarkSourceReader, nexmarkWatermarkStrategy, NEXMARK_OUT_OF_ORDERNESS_MS, type NexmarkSourceOptions, type NexmarkSplit, } from "./nexmark-source.js";
