/** `GET openapi.json`: the OpenAPI 3.1 description of the JSON answers, built once. */
import type { Hono } from "hono";
import { openApiDocument } from "../openapi/document.js";
import type { Http } from "../respond.js";

export function openApiRoutes(app: Hono, http: Http): void {
  const { config, path } = http;
  const document = openApiDocument({ baseUrl: (config.baseUrl.origin + config.basePath).replace(/\/$/, ""), admin: config.adminToken !== undefined });
  app.get(path("openapi.json"), (c) => c.json(document));
}
