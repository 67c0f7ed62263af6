/**
 * Checks JSON answers against the OpenAPI description: the operation's schema for the
 * status (or its `default`), with a JSON Schema 2020-12 validator others wrote (Ajv). A
 * path the description does not name is left alone; a described one that answers off
 * its schema fails the test that made the request.
 */
import { Ajv2020 } from "ajv/dist/2020.js";
import addFormats from "ajv-formats";
import type { openApiDocument } from "../src/http/openapi/document.js";

type Document = ReturnType<typeof openApiDocument>;
type Operation = { responses: Record<string, { content?: Record<string, { schema: object }> }> };

export function createAnswerCheck(document: Document, basePath = "/") {
  const ajv = new Ajv2020({ strict: false, allErrors: true });
  (addFormats as unknown as (ajv: Ajv2020) => void)(ajv);
  const routes = Object.entries(document.paths).map(([template, operations]) => ({
    pattern: new RegExp(`^${template.replace(/[.]/g, "\\.").replace(/\{[^}]+\}/g, "[^/]+")}$`),
    operations: operations as Record<string, Operation>,
    template,
  }));
  const compiled = new Map<string, ReturnType<Ajv2020["compile"]>>();

  /** Throws, naming the operation and what is off, when a described JSON answer does not fit. */
  return async function check(request: Request, response: Response): Promise<void> {
    if (!(response.headers.get("content-type") ?? "").startsWith("application/json")) return;
    const url = new URL(request.url);
    if (!url.pathname.startsWith(basePath)) return;
    const path = "/" + url.pathname.slice(basePath.length);
    const route = routes.find((r) => r.pattern.test(path));
    const method = request.method.toLowerCase();
    const operation = route?.operations[method];
    if (!route || !operation) return;
    const status = String(response.status);
    const answer = operation.responses[status] ?? operation.responses.default;
    const schema = answer?.content?.["application/json"]?.schema;
    const where = `${request.method} ${route.template} ${status}`;
    if (!schema) throw new Error(`OpenAPI: ${where} is not described`);
    const key = `${where}`;
    let validate = compiled.get(key);
    if (!validate) compiled.set(key, (validate = ajv.compile({ ...schema, components: document.components })));
    const body: unknown = await response.clone().json();
    if (!validate(body)) throw new Error(`OpenAPI: ${where} answered off its schema: ${ajv.errorsText(validate.errors)}\n${JSON.stringify(body)}`);
  };
}
