/**
 * The OpenAPI description (#19): served at /openapi.json, valid OpenAPI 3.1 by a validator
 * others wrote, naming only paths the app answers, and the check every suite's JSON
 * answers go through fails when an answer and the description part.
 */
import { Validator } from "@seriousme/openapi-schema-validator";
import { describe, expect, it } from "vitest";
import { openApiDocument } from "../src/http/openapi/document.js";
import { createAnswerCheck } from "./openapi-check.js";
import { makeSesame } from "./support.js";

const ADMIN = "an-admin-token-of-at-least-32-characters";

describe("the OpenAPI description", () => {
  it("is served, and is valid OpenAPI 3.1", async () => {
    const t = await makeSesame({ adminToken: ADMIN });
    try {
      const answer = await t.sesame.fetch(new Request("http://localhost:8787/openapi.json"));
      expect(answer.status).toBe(200);
      const document = (await answer.json()) as ReturnType<typeof openApiDocument>;
      expect(document.openapi).toBe("3.1.0");
      expect(Object.keys(document.paths)).toContain("/admin/api/accounts");
      const validator = new Validator();
      const result = await validator.validate(document as never);
      expect(result, JSON.stringify(result.errors)).toMatchObject({ valid: true });
      expect(validator.version).toBe("3.1");

      // Without the admin API, its paths are not described.
      const plain = await makeSesame();
      const without = (await (await plain.sesame.fetch(new Request("http://localhost:8787/openapi.json"))).json()) as typeof document;
      expect(Object.keys(without.paths).some((p) => p.startsWith("/admin/"))).toBe(false);
      plain.close();
    } finally {
      t.close();
    }
  });

  it("names only paths the app answers", async () => {
    const t = await makeSesame({ adminToken: ADMIN });
    try {
      const document = openApiDocument({ baseUrl: "http://localhost:8787", admin: true });
      for (const [path, operations] of Object.entries(document.paths)) {
        for (const method of Object.keys(operations)) {
          const url = `http://localhost:8787${path.replace("{id}", "someone@example.com")}`;
          const answer = await t.sesame.fetch(
            new Request(url, { method: method.toUpperCase(), headers: { accept: "application/json", authorization: `Bearer ${ADMIN}` } }),
          );
          const body = answer.headers.get("content-type")?.includes("json") ? ((await answer.json()) as { error?: { code: string } }) : {};
          expect([path, method, body.error?.code]).not.toEqual([path, method, "not_found"]);
        }
      }
    } finally {
      t.close();
    }
  });

  it("fails a test whose JSON answer parts from the description (a deliberate mismatch)", async () => {
    const t = await makeSesame();
    try {
      const ada = t.browser();
      await ada.post("/magic", { email: "ada@example.com" });
      await ada.post("/signup", { token: t.lastLink().searchParams.get("token")!, name: "Ada" });
      const request = new Request("http://localhost:8787/session", { headers: { cookie: `sesame_session=${ada.cookies.get("sesame_session")}` } });
      const response = await t.sesame.fetch(request);
      // The description as shipped accepts the answer…
      await expect(createAnswerCheck(openApiDocument({ baseUrl: "http://localhost:8787", admin: false }))(request, response.clone())).resolves.toBeUndefined();
      // …one that says an account also has a `nickname` does not.
      const wrong = openApiDocument({ baseUrl: "http://localhost:8787", admin: false });
      const account = wrong.components.schemas.Account as { required: string[] };
      account.required = [...account.required, "nickname"];
      await expect(createAnswerCheck(wrong)(request, response)).rejects.toThrow(
        "OpenAPI: GET /session 200 answered off its schema: data/account must have required property 'nickname'",
      );
    } finally {
      t.close();
    }
  });
});
