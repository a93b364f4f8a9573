/** The route table of the REST API (DESIGN.md section 9). */
import { type Route } from "../route.js";
export declare const REST_ROUTES: readonly Route[];
