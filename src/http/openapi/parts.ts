/** The pieces the OpenAPI description is written with: JSON bodies, forms, operations with their error answer. */
export const json = (schema: object, description: string) => ({ description, content: { "application/json": { schema } } });
export const ref = (name: string) => ({ $ref: `#/components/schemas/${name}` });
export const ERROR = { default: json(ref("Error"), "What was wrong: a 4xx, or 503 when the database is down.") };
export const iso = { type: "string", format: "date-time" };
export const text = { type: "string" };
export const nullableText = { type: ["string", "null"] };
export const form = (properties: Record<string, object>, required: string[] = []) => ({
  required: required.length > 0,
  content: {
    "application/json": { schema: { type: "object", properties, required, additionalProperties: false } },
    "application/x-www-form-urlencoded": { schema: { type: "object", properties, required, additionalProperties: false } },
  },
});
export const op = (summary: string, responses: Record<string, object>, extra: object = {}) => ({ summary, ...extra, responses: { ...responses, ...ERROR } });
export const accountId = { name: "id", in: "path", required: true, description: "The account's id, or its address.", schema: text };
export const bearer = { security: [{ adminToken: [] }] };
