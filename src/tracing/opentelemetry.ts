/**
 * OpenTelemetry spans: one per flow (a link request, a redemption, a session check, a mail
 * delivery pass) and one per store call, each store call being one batch and one round
 * trip. The flow's span counts the round trips made under it.
 *
 *   import { trace } from "@opentelemetry/api";
 *   import { createTracing } from "sesame/tracing";
 *   createSesame({ ..., tracing: createTracing(trace) });
 *
 * It is handed the API rather than importing it, so that the package has no dependency
 * on it and a bundle that does not trace carries none of this; the API is a no-op until
 * the host registers an SDK. Attributes are names and small fixed sets only: never an
 * argument, an address, a token or an error's message (a driver's message can quote a row).
 */
import type { Store, Tracing } from "../core/ports.js";

/** The few parts of `@opentelemetry/api` used here, declared so that its `trace` fits. */
type AttributeValue = string | number | boolean;
export interface TraceSpan {
  setAttribute(key: string, value: AttributeValue): unknown;
  setStatus(status: { code: number; message?: string }): unknown;
  end(): void;
}
export interface TraceTracer {
  startActiveSpan<F extends (span: TraceSpan) => unknown>(name: string, options: { attributes?: Record<string, AttributeValue> }, fn: F): ReturnType<F>;
}
export interface TraceApi {
  getTracer(name: string, version?: string): TraceTracer;
  getActiveSpan(): TraceSpan | undefined;
}

/** `SpanStatusCode.ERROR` in the API. */
const ERROR = 2;
/** Outcome words are identifiers such as `expired` or `signup`; anything else is not recorded. */
const OUTCOME = /^[a-z][a-z_]{0,39}$/;
/** Flows that are not work of their own: waiting for mail attempts to finish. */
const UNTRACED = new Set(["idle"]);

export function createTracing(api: TraceApi, tracerName = "sesame"): Tracing {
  const tracer = api.getTracer(tracerName);
  // Round trips per flow span; a WeakMap so that a span the SDK drops takes its count with it.
  const trips = new WeakMap<object, number>();

  /** Runs `work` in an active span, ends it when the work settles, whether it answers at once or later. */
  function inSpan<T>(name: string, attributes: Record<string, AttributeValue>, work: () => T, counting: boolean): T {
    return tracer.startActiveSpan(name, { attributes }, (span) => {
      if (counting) trips.set(span, 0);
      const finish = (result: unknown, error?: unknown) => {
        if (error !== undefined) {
          span.setStatus({ code: ERROR, message: errorType(error) });
          span.setAttribute("error.type", errorType(error));
        } else {
          const outcome = outcomeOf(result);
          if (outcome) span.setAttribute("sesame.outcome", outcome);
        }
        if (counting) span.setAttribute("sesame.round_trips", trips.get(span) ?? 0);
        span.end();
      };
      let result: T;
      try {
        result = work();
      } catch (error) {
        finish(undefined, error ?? "thrown");
        throw error;
      }
      if (!isPromise(result)) {
        finish(result);
        return result;
      }
      return result.then(
        (value) => (finish(value), value),
        (error: unknown) => {
          finish(undefined, error ?? "rejected");
          throw error;
        },
      ) as T;
    });
  }

  return {
    traceFlows<F extends object>(flows: F): F {
      const traced: Record<string, unknown> = { ...(flows as Record<string, unknown>) };
      for (const [name, value] of Object.entries(flows)) {
        if (typeof value !== "function" || UNTRACED.has(name)) continue;
        const flow = value as (...args: unknown[]) => unknown;
        traced[name] = (...args: unknown[]) => inSpan(`sesame ${name}`, { "sesame.flow": name }, () => flow(...args), true);
      }
      return traced as F;
    },

    traceStore(store: Store): Store {
      return new Proxy(store, {
        get(target, property, receiver) {
          const value: unknown = Reflect.get(target, property, receiver);
          if (typeof value !== "function" || typeof property !== "string") return value;
          const method = value as (...args: unknown[]) => unknown;
          return (...args: unknown[]) => {
            const flow = api.getActiveSpan();
            const count = flow && trips.get(flow);
            if (flow && count !== undefined) trips.set(flow, count + 1);
            const attributes = { "sesame.store.call": property, "sesame.round_trips": 1 };
            return inSpan(`sesame.store ${property}`, attributes, () => method.apply(target, args), false);
          };
        },
      });
    },
  };
}

function isPromise(value: unknown): value is Promise<unknown> {
  return typeof (value as { then?: unknown } | null)?.then === "function";
}

/** A stable code (SesameError's `code`, a driver's SQLSTATE) or the error's class; never its message. */
function errorType(error: unknown): string {
  const { code, name } = (error ?? {}) as { code?: unknown; name?: unknown };
  if (typeof code === "string" && /^[A-Za-z0-9_]{1,40}$/.test(code)) return code;
  return typeof name === "string" && /^[A-Za-z]{1,40}$/.test(name) ? name : "error";
}

/** `ok`, the failure's reason or the link's kind, from an outcome value. */
function outcomeOf(result: unknown): string | undefined {
  if (typeof result !== "object" || result === null) return undefined;
  const { ok, reason, kind, status } = result as Record<string, unknown>;
  for (const word of [reason, status, kind]) {
    if (typeof word === "string" && OUTCOME.test(word)) return word;
  }
  return typeof ok === "boolean" ? (ok ? "ok" : "failed") : undefined;
}
