/** `GET openapi.json`: the OpenAPI 3.1 description of the JSON answers, built on the first request for it. */
import type { Hono } from "hono";
import type { Http } from "../respond.js";

export function openApiRoutes(app: Hono, http: Http): void {
  const { config, path } = http;
  let document: Promise<object> | undefined;
  app.get(path("openapi.json"), async (c) => {
    document ??= import("../openapi/document.js").then(({ openApiDocument }) =>
      openApiDocument({ baseUrl: (config.baseUrl.origin + config.basePath).replace(/\/$/, ""), admin: config.adminToken !== undefined }),
    );
    return c.json(
      await document.catch((error: unknown) => {
        document = undefined;
        throw error;
      }),
    );
  });
}
