import { type Route } from "../route.js";
export declare function splitProgramArgs(s: string): string[];
export declare const jarRoutes: Route[];
