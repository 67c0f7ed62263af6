/** `GET openapi.json`: the OpenAPI 3.1 description of the JSON answers, built on the first request for it. */
import type { Hono } from "hono";
import type { Http } from "../respond.js";
import { loadOnce } from "../../load-once.js";

export function openApiRoutes(app: Hono, http: Http): void {
  const { config, path } = http;
  const document = loadOnce(async () =>
    (await import("../openapi/document.js")).openApiDocument({
      baseUrl: (config.baseUrl.origin + config.basePath).replace(/\/$/, ""),
      admin: config.adminToken !== undefined,
    }),
  );
  app.get(path("openapi.json"), async (c) => c.json(await document()));
}
