/** The admin API in the OpenAPI description (only when the admin API is on). */
import { accountId, bearer, form, iso, json, nullableText, op, ref, text } from "./parts.js";

export function adminPaths(): Record<string, object> {
  return {
    "/admin/api/accounts": {
      get: op(
        "A page of accounts in address order.",
        {
          "200": json(
            {
              type: "object",
              properties: { accounts: { type: "array", items: ref("Account") }, next: nullableText },
              required: ["accounts", "next"],
              additionalProperties: false,
            },
            "A page; `next` is the cursor for `after`.",
          ),
        },
        {
          ...bearer,
          parameters: [
            { name: "search", in: "query", schema: text },
            { name: "after", in: "query", schema: text },
            { name: "limit", in: "query", schema: { type: "integer", minimum: 1, maximum: 500 } },
          ],
        },
      ),
    },
    "/admin/api/accounts/{id}": {
      get: op(
        "One account and where it is logged in.",
        {
          "200": json(
            {
              type: "object",
              properties: { account: ref("Account"), sessions: { type: "array", items: ref("AdminSession") } },
              required: ["account", "sessions"],
              additionalProperties: false,
            },
            "The account.",
          ),
        },
        { ...bearer, parameters: [accountId] },
      ),
      delete: op(
        "Deletes the account as its owner would.",
        {
          "200": json(
            {
              type: "object",
              properties: { deleted: { const: true }, account: ref("Account") },
              required: ["deleted", "account"],
              additionalProperties: false,
            },
            "Deleted.",
          ),
        },
        { ...bearer, parameters: [accountId] },
      ),
    },
    "/admin/api/accounts/{id}/sessions/revoke": {
      post: op("Logs the account out everywhere.", { "200": json(ref("Revoked"), "Logged out.") }, { ...bearer, parameters: [accountId] }),
    },
    "/admin/api/accounts/{id}/events": {
      get: op(
        "The account's events, newest first (kept 90 days, and after the account is deleted): its audit trail.",
        {
          "200": json(
            {
              type: "object",
              properties: {
                events: {
                  type: "array",
                  items: {
                    type: "object",
                    properties: {
                      id: text,
                      type: { enum: ["account.created", "account.deleted", "account.email_changed", "session.created", "session.revoked"] },
                      at: iso,
                      email: text,
                      detail: { type: "object", additionalProperties: { type: ["string", "number"] } },
                    },
                    required: ["id", "type", "at", "email", "detail"],
                    additionalProperties: false,
                  },
                },
                next: nullableText,
              },
              required: ["events", "next"],
              additionalProperties: false,
            },
            "A page; `next` is the cursor for `before`.",
          ),
        },
        {
          ...bearer,
          parameters: [
            accountId,
            { name: "before", in: "query", schema: text },
            { name: "limit", in: "query", schema: { type: "integer", minimum: 1, maximum: 500 } },
          ],
        },
      ),
    },
    "/admin/api/invites": {
      post: op(
        "A sign-up link for an address without an account, mailed or returned.",
        {
          "201": json(
            {
              type: "object",
              properties: { email: text, expiresAt: iso, url: { type: "string", format: "uri" } },
              required: ["email", "expiresAt"],
              additionalProperties: false,
            },
            "Invited; `url` only when asked to return it.",
          ),
        },
        { ...bearer, requestBody: form({ email: text, delivery: { enum: ["mail", "return"] } }, ["email"]) },
      ),
    },
  };
}
