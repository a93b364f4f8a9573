/** The one API client of the dashboard: the generated operations over the HTTP layer. */
import { createApi, type Api } from "./generated";
import { transport } from "./http";

export const api: Api = createApi(transport);

export type { Api };
export * from "./generated";
