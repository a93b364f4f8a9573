/**
 * Matches a request path against the route table. Literal segments win over parameters, so
 * /jobs/overview is the overview and not a job called "overview"; a path that exists with other
 * methods gives 405 with the allowed ones.
 */
import { RestError } from "./route.js";
export class Router {
    compiled;
    constructor(routes) {
        this.compiled = routes.map((route) => {
            const segments = route.path
                .split("/")
                .filter(Boolean)
                .map((s) => (s.startsWith(":") ? { param: s.slice(1) } : { literal: s }));
            return { route, segments, rank: segments.map((s) => (s.literal ? "1" : "0")).join("") };
        });
        this.compiled.sort((a, b) => b.rank.localeCompare(a.rank));
    }
    match(method, pathname) {
        const parts = pathname.split("/").filter(Boolean);
        let decoded;
        try {
            decoded = parts.map((p) => decodeURIComponent(p));
        }
        catch {
            throw new RestError(400, [`the path ${pathname.slice(0, 200)} is not valid percent-encoding`]);
        }
        const allowed = new Set();
        for (const c of this.compiled) {
            if (c.segments.length !== decoded.length)
                continue;
            const params = {};
            let ok = true;
            for (let i = 0; i < decoded.length && ok; i++) {
                const s = c.segments[i];
                if (s.literal !== undefined)
                    ok = s.literal === decoded[i];
                else
                    params[s.param] = decoded[i];
            }
            if (!ok)
                continue;
            if (c.route.method === method)
                return { route: c.route, params };
            allowed.add(c.route.method);
        }
        return allowed.size ? { allowed: [...allowed] } : undefined;
    }
}
//# sourceMappingURL=router.js.map