/**
 * The OpenAPI 3.1 description of Sesame's JSON answers, served at `openapi.json`: the link
 * flows, the session, the account, tokens, health and the admin API (when on). Paths are relative to
 * the base path. Every operation answers its errors as `{"error":{"code","message"}}`
 * (the `default` response), whatever their status.
 */
import { adminPaths } from "./admin-paths.js";
import { form, iso, json, nullableText, op, ref, text } from "./parts.js";

const signedIn = json(ref("SignedIn"), "Logged in: the session cookie is set; `next` is where to go.");
const linkQuery = { parameters: [{ name: "token", in: "query", required: true, schema: text }] };
const tokenForm = form({ token: text, next: text }, ["token"]);

export function openApiDocument(options: { baseUrl: string; admin: boolean }) {
  const paths: Record<string, object> = {
    "/magic": {
      post: op(
        "Sends a sign-up link to a new address or a login link to a known one (`link` under uniform answers).",
        {
          "202": json(
            {
              type: "object",
              properties: { sent: { enum: ["signup", "login", "link"] }, approvalNumber: { type: "string", pattern: "^[0-9]{2}$" } },
              required: ["sent"],
              additionalProperties: false,
            },
            "The link is on its way; `approvalNumber` is for the asking page to show (and nowhere else).",
          ),
        },
        {
          requestBody: {
            required: true,
            content: { "application/json": { schema: { type: "object", properties: { email: text, next: text }, required: ["email"] } } },
          },
        },
      ),
    },
    "/login": {
      get: op(
        "A login link opened: in the browser that asked, the login itself; elsewhere what it would do.",
        {
          "200": json(
            {
              anyOf: [
                ref("SignedIn"),
                {
                  type: "object",
                  properties: { kind: { const: "login" }, email: text, expiresAt: { type: "integer" }, requester: { type: ["object", "null"] } },
                  required: ["kind", "email", "expiresAt", "requester"],
                  additionalProperties: false,
                },
              ],
            },
            "Logged in, or the link's details.",
          ),
        },
        linkQuery,
      ),
      post: op("Uses a login link.", { "200": signedIn }, { requestBody: tokenForm }),
    },
    "/signup": {
      get: op(
        "What a sign-up link would do: the form's fields.",
        {
          "200": json(
            {
              type: "object",
              properties: { kind: { const: "signup" }, email: text, expiresAt: { type: "integer" }, fields: { type: "array", items: { type: "object" } } },
              required: ["kind", "email", "expiresAt", "fields"],
              additionalProperties: false,
            },
            "The link's details.",
          ),
        },
        linkQuery,
      ),
      post: op("Makes the account with its fields, and logs in.", { "200": signedIn }),
    },
    "/code": {
      post: op(
        "The mailed code, typed in the browser that asked.",
        {
          "200": json(
            {
              anyOf: [
                ref("SignedIn"),
                {
                  type: "object",
                  properties: { signup: { type: "object", properties: { email: text, fields: { type: "array" } }, required: ["email", "fields"] } },
                  required: ["signup"],
                  additionalProperties: false,
                },
              ],
            },
            "Logged in, or the sign-up form's fields.",
          ),
        },
        { requestBody: form({ code: text }, ["code"]) },
      ),
    },
    "/continue": {
      post: op("The asking browser collects an approval from another device.", {
        "200": json(
          {
            anyOf: [
              { allOf: [ref("SignedIn"), { type: "object", properties: { status: { const: "logged_in" } }, required: ["status"] }] },
              {
                type: "object",
                properties: { status: { enum: ["waiting", "denied", "expired", "used", "none"] } },
                required: ["status"],
                additionalProperties: false,
              },
            ],
          },
          "Logged in, or still waiting (or why not).",
        ),
      }),
    },
    "/approve": {
      post: op(
        "Approves a login from another device, with the number the asking page shows.",
        { "200": json({ type: "object", properties: { approved: { const: true } }, required: ["approved"], additionalProperties: false }, "Approved.") },
        { requestBody: form({ token: text, number: text }, ["token", "number"]) },
      ),
    },
    "/deny": {
      post: op(
        '"Not me": cancels the request.',
        { "200": json({ type: "object", properties: { denied: { const: true } }, required: ["denied"], additionalProperties: false }, "Cancelled.") },
        { requestBody: form({ token: text }, ["token"]) },
      ),
    },
    "/session": { get: op("Who is logged in, from the session cookie.", { "200": json(ref("Session"), "A live session.") }) },
    "/logout": {
      post: op("Ends the session on the server and clears the cookie.", {
        "200": json({ type: "object", properties: { loggedOut: { const: true } }, required: ["loggedOut"], additionalProperties: false }, "Logged out."),
      }),
    },
    "/healthz": { get: op("Liveness.", { "200": json({ type: "object", properties: { ok: { const: true } }, required: ["ok"] }, "The database answers.") }) },
    "/readyz": {
      get: op("Readiness.", {
        "200": json(ref("Readiness"), "Ready."),
        "503": json(ref("Readiness"), "Not ready, and why."),
      }),
    },
    "/account": { get: op("The account and the devices it is logged in on.", { "200": json(ref("AccountPage"), "The account.") }) },
    "/account/profile": {
      post: op(
        "Replaces the name and the sign-up fields, checked as at sign-up.",
        { "200": json({ type: "object", properties: { account: ref("Account") }, required: ["account"], additionalProperties: false }, "Saved.") },
        { requestBody: { required: true, content: { "application/json": { schema: { type: "object", additionalProperties: text } } } } },
      ),
    },
    "/account/sessions/revoke": {
      post: op("Logs out one device of this account.", { "200": json(ref("Revoked"), "Logged out.") }, { requestBody: form({ session: text }, ["session"]) }),
    },
    "/account/sessions/revoke-others": { post: op("Logs out every other device.", { "200": json(ref("Revoked"), "Logged out.") }) },
    "/account/delete": {
      post: op(
        "Deletes the account (needs a login within 10 minutes).",
        { "200": json({ type: "object", properties: { deleted: { const: true } }, required: ["deleted"], additionalProperties: false }, "Deleted.") },
        { requestBody: form({ confirm: { const: "yes" } }, ["confirm"]) },
      ),
    },
    "/account/email/request": {
      post: op(
        "Mails a change-of-address link to the new address.",
        {
          "202": json(
            { type: "object", properties: { sent: { const: "email_change" }, email: text }, required: ["sent", "email"], additionalProperties: false },
            "The link is on its way.",
          ),
        },
        { requestBody: form({ email: text }, ["email"]) },
      ),
    },
    "/account/email": {
      get: op(
        "What a change-of-address link would do, without using it.",
        {
          "200": json(
            {
              type: "object",
              properties: { newEmail: text, currentEmail: text, expiresAt: iso },
              required: ["newEmail", "currentEmail", "expiresAt"],
              additionalProperties: false,
            },
            "A usable link.",
          ),
        },
        { parameters: [{ name: "token", in: "query", required: true, schema: text }] },
      ),
      post: op(
        "Uses a change-of-address link.",
        { "200": json({ type: "object", properties: { account: ref("Account") }, required: ["account"], additionalProperties: false }, "Moved.") },
        { requestBody: form({ token: text }, ["token"]) },
      ),
    },
    "/token": {
      post: op("A short-lived access token for the session cookie's account.", {
        "200": json(
          {
            type: "object",
            properties: { access_token: text, token_type: { const: "Bearer" }, expires_in: { type: "integer" } },
            required: ["access_token", "token_type", "expires_in"],
            additionalProperties: false,
          },
          "A token.",
        ),
      }),
    },
    "/.well-known/jwks.json": {
      get: op("The public keys that check access tokens.", {
        "200": json({ type: "object", properties: { keys: { type: "array", items: { type: "object" } } }, required: ["keys"] }, "The key set."),
      }),
    },
  };
  if (options.admin) Object.assign(paths, adminPaths());
  return {
    openapi: "3.1.0",
    info: { title: "Sesame", version: "1", description: "Passwordless sign-up and login by e-mail link: the JSON answers." },
    servers: [{ url: options.baseUrl }],
    paths,
    components: {
      schemas: SCHEMAS,
      ...(options.admin && { securitySchemes: { adminToken: { type: "http", scheme: "bearer", description: "SESAME_ADMIN_TOKEN" } } }),
    },
  };
}

const SCHEMAS = {
  Error: {
    type: "object",
    properties: {
      error: {
        type: "object",
        properties: {
          code: { type: "string", description: "Stable: what a client branches on." },
          message: { type: "string", description: "For people, in the request's language (the locale option, lang, the language cookie, Accept-Language)." },
        },
        required: ["code", "message"],
      },
    },
    required: ["error"],
    additionalProperties: false,
  },
  Account: {
    type: "object",
    properties: { id: text, email: text, name: nullableText, profile: { type: "object", additionalProperties: text }, createdAt: iso },
    required: ["id", "email", "name", "profile", "createdAt"],
    additionalProperties: false,
  },
  SignedIn: {
    type: "object",
    properties: { account: ref("Account"), next: text, status: { const: "logged_in" } },
    required: ["account", "next"],
    additionalProperties: false,
  },
  Session: {
    type: "object",
    properties: { account: ref("Account"), expiresAt: { type: "integer", description: "Milliseconds since the epoch." } },
    required: ["account", "expiresAt"],
    additionalProperties: false,
  },
  Device: {
    type: "object",
    properties: {
      id: text,
      current: { type: "boolean" },
      device: text,
      userAgent: nullableText,
      network: nullableText,
      createdAt: iso,
      lastUsedAt: iso,
      expiresAt: iso,
    },
    required: ["id", "current", "device", "userAgent", "network", "createdAt", "lastUsedAt", "expiresAt"],
    additionalProperties: false,
  },
  AccountPage: {
    type: "object",
    properties: { account: ref("Account"), sessions: { type: "array", items: ref("Device") } },
    required: ["account", "sessions"],
    additionalProperties: false,
  },
  AdminSession: {
    type: "object",
    properties: { userAgent: nullableText, network: nullableText, createdAt: iso, lastUsedAt: iso, expiresAt: iso },
    required: ["userAgent", "network", "createdAt", "lastUsedAt", "expiresAt"],
    additionalProperties: false,
  },
  Revoked: { type: "object", properties: { revoked: { type: "integer", minimum: 0 } }, required: ["revoked"], additionalProperties: false },
  Readiness: {
    type: "object",
    properties: { ready: { type: "boolean" }, reason: { enum: ["draining", "database_unreachable", "schema_outdated"] } },
    required: ["ready"],
    additionalProperties: false,
  },
};
