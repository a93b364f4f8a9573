/** Person events: a new person id per person event, names and places from small fixed lists. */
import type { NexmarkGeneratorConfig } from "./generator-config.js";
import type { Person } from "./model.js";
import type { NexmarkRandom } from "./random.js";
export declare function nextPerson(config: NexmarkGeneratorConfig, eventId: number, random: NexmarkRandom, timestamp: number): Person;
