/**
 * Matches a request path against the route table. Literal segments win over parameters, so
 * /jobs/overview is the overview and not a job called "overview"; a path that exists with other
 * methods gives 405 with the allowed ones.
 */
import { type HttpMethod, type Route } from "./route.js";
export type RouteMatch = {
    route: Route;
    params: Record<string, string>;
} | {
    allowed: HttpMethod[];
} | undefined;
export declare class Router {
    private readonly compiled;
    constructor(routes: readonly Route[]);
    match(method: string, pathname: string): RouteMatch;
}
