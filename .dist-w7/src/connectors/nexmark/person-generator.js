import { FIRST_PERSON_ID, lastBase0PersonId } from "./ids.js";
import { personBaseSize } from "./sizes.js";
import { nextExtra, nextString } from "./strings.js";
// Few states and cities, so that queries filtering on them find results in small runs.
const US_STATES = ["AZ", "CA", "ID", "OR", "WA", "WY"];
const US_CITIES = ["Phoenix", "Los Angeles", "San Francisco", "Boise", "Portland", "Bend", "Redmond", "Seattle", "Kent", "Cheyenne"];
const FIRST_NAMES = ["Peter", "Paul", "Luke", "John", "Saul", "Vicky", "Kate", "Julie", "Sarah", "Deiter", "Walter"];
const LAST_NAMES = ["Shultz", "Abrams", "Spencer", "White", "Bartels", "Walton", "Smith", "Jones", "Noris"];
export function nextPerson(config, eventId, random, timestamp) {
    const id = lastBase0PersonId(config, eventId) + FIRST_PERSON_ID;
    const name = `${pick(random, FIRST_NAMES)} ${pick(random, LAST_NAMES)}`;
    const emailAddress = `${nextString(random, 7)}@${nextString(random, 5)}.com`;
    const creditCard = `${digits4(random)} ${digits4(random)} ${digits4(random)} ${digits4(random)}`;
    const city = pick(random, US_CITIES);
    const state = pick(random, US_STATES);
    const extra = nextExtra(random, personBaseSize(name, emailAddress, creditCard, city, state), config.avgPersonByteSize);
    return { id, name, emailAddress, creditCard, city, state, dateTime: timestamp, extra };
}
function pick(random, values) {
    return values[random.nextInt(values.length)];
}
// "0000" … "9999", built on first use: formatting per person showed up in profiles.
let fourDigits;
function digits4(random) {
    fourDigits ??= Array.from({ length: 10_000 }, (_, i) => String(i).padStart(4, "0"));
    return fourDigits[random.nextInt(10_000)];
}
//# sourceMappingURL=person-generator.js.map