/**
 * The dashboard's HTTP layer under the generated client: same-origin fetch, Flink's
 * `{"errors": [...]}` turned into ApiError, and the optional bearer token. The token is
 * asked for once, when the API first answers 401, kept for the browser tab (sessionStorage: gone
 * when the tab closes, never written to disk), and sent with every later request.
 */
import type { ApiRequest, Transport } from "./generated";

export class ApiError extends Error {
  override name = "ApiError";
  constructor(
    readonly status: number,
    readonly errors: string[],
  ) {
    super(errors.join("; ") || `HTTP ${status}`);
  }
}

const TOKEN_KEY = "sluice.rest-token";
const REQUEST_TIMEOUT_MS = 30_000;
const UPLOAD_TIMEOUT_MS = 10 * 60_000;

/** Asks the user for a token; resolves undefined when they decline. Set by the token prompt. */
export type TokenAsker = (reason: string) => Promise<string | undefined>;

let askForToken: TokenAsker | undefined;
// Several requests failing with 401 at once share one prompt.
let pendingAsk: Promise<string | undefined> | undefined;

export function setTokenAsker(asker: TokenAsker | undefined): void {
  askForToken = asker;
}

export function currentToken(): string | undefined {
  try {
    return sessionStorage.getItem(TOKEN_KEY) ?? undefined;
  } catch {
    return undefined;
  }
}

export function storeToken(token: string | undefined): void {
  try {
    if (token) sessionStorage.setItem(TOKEN_KEY, token);
    else sessionStorage.removeItem(TOKEN_KEY);
  } catch {
    // Storage may be disabled; the token then lasts only as long as this page.
  }
}

function url(req: ApiRequest): string {
  const params = new URLSearchParams();
  for (const [k, v] of Object.entries(req.query ?? {})) if (v !== undefined) params.set(k, String(v));
  const qs = params.toString();
  return qs ? `${req.path}?${qs}` : req.path;
}

async function send(req: ApiRequest, token: string | undefined): Promise<Response> {
  const headers: Record<string, string> = { accept: "application/json" };
  if (token) headers.authorization = `Bearer ${token}`;
  let body: BodyInit | undefined;
  if (req.body instanceof FormData) body = req.body;
  else if (req.body !== undefined) {
    headers["content-type"] = "application/json";
    body = JSON.stringify(req.body);
  }
  // A request that never answers must not stop a page's polling, which waits for each answer.
  const timeoutMs = req.body instanceof FormData ? UPLOAD_TIMEOUT_MS : REQUEST_TIMEOUT_MS;
  try {
    return await fetch(url(req), { method: req.method, headers, body, credentials: "same-origin", cache: "no-store", signal: AbortSignal.timeout(timeoutMs) });
  } catch (e) {
    if (e instanceof DOMException && e.name === "TimeoutError") throw new ApiError(0, [`${req.method} ${req.path}: no answer within ${timeoutMs / 1000} s`]);
    throw e;
  }
}

async function errorOf(res: Response): Promise<ApiError> {
  let errors: string[] = [];
  try {
    const json = (await res.json()) as { errors?: unknown };
    if (Array.isArray(json.errors)) errors = json.errors.map(String);
  } catch {
    // Not JSON (a proxy's error page): the status line says enough.
  }
  return new ApiError(res.status, errors.length ? errors : [`HTTP ${res.status} ${res.statusText}`]);
}

export const transport: Transport = {
  async request(req) {
    let res = await send(req, currentToken());
    if (res.status === 401 && askForToken) {
      const reason = (await errorOf(res)).message;
      pendingAsk ??= askForToken(reason).finally(() => (pendingAsk = undefined));
      const token = await pendingAsk;
      if (token) {
        storeToken(token);
        res = await send(req, token);
      }
    }
    if (!res.ok) throw await errorOf(res);
    if (req.response === "json") return res.json();
    if (req.response === "text") return res.text();
    return undefined;
  },
};
