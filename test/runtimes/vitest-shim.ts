/**
 * The part of vitest's API the store contract uses (describe, it, beforeEach,
 * afterEach, expect), for running it on Deno and Bun, where vitest does not run.
 * `expect` is vitest's own (@vitest/expect on chai), so every matcher means the same
 * as under vitest; the runner is a plain sequential loop that reports each case.
 */
import type { expect as vitestExpect } from "vitest";
import { ASYMMETRIC_MATCHERS_OBJECT, chai, JestAsymmetricMatchers, JestChaiExpect, JestExtend, setState } from "@vitest/expect";

chai.use(JestExtend);
chai.use(JestChaiExpect);
chai.use(JestAsymmetricMatchers);

type Hook = () => unknown;
interface Suite {
  name: string;
  beforeEach: Hook[];
  afterEach: Hook[];
  children: (Suite | Case)[];
}
interface Case {
  name: string;
  fn: Hook;
}

export interface CaseResult {
  name: string;
  ok: boolean;
  ms: number;
  error?: string;
}

const root: Suite = { name: "", beforeEach: [], afterEach: [], children: [] };
let current = root;

export function describe(name: string, body: () => void): void {
  const suite: Suite = { name, beforeEach: [], afterEach: [], children: [] };
  current.children.push(suite);
  const parent = current;
  current = suite;
  try {
    body();
  } finally {
    current = parent;
  }
}

export function it(name: string, fn: Hook): void {
  current.children.push({ name, fn });
}
export { it as test };

export function beforeEach(fn: Hook): void {
  current.beforeEach.push(fn);
}

export function afterEach(fn: Hook): void {
  current.afterEach.push(fn);
}

export const expect = Object.assign((value: unknown, message?: string) => chai.expect(value, message), chai.expect) as unknown as typeof vitestExpect;
Object.assign(expect, (globalThis as Record<symbol, unknown>)[ASYMMETRIC_MATCHERS_OBJECT]);
setState(
  { assertionCalls: 0, isExpectingAssertions: false, isExpectingAssertionsError: null, expectedAssertionsNumber: null, expectedAssertionsNumberErrorGen: null },
  expect,
);

/** Runs every registered case in order, each between its suites' hooks; a failing hook fails the case. */
export async function runRegistered(): Promise<CaseResult[]> {
  const results: CaseResult[] = [];
  async function walk(suite: Suite, path: string[], before: Hook[], after: Hook[]): Promise<void> {
    for (const child of suite.children) {
      if ("children" in child) {
        await walk(child, [...path, child.name], [...before, ...child.beforeEach], [...child.afterEach, ...after]);
        continue;
      }
      const name = [...path, child.name].join(" > ");
      const started = performance.now();
      let error: unknown;
      try {
        for (const hook of before) await hook();
        await child.fn();
      } catch (caught) {
        error = caught;
      }
      for (const hook of after) {
        try {
          await hook();
        } catch (caught) {
          error ??= caught;
        }
      }
      const ms = Math.round(performance.now() - started);
      results.push(error === undefined ? { name, ok: true, ms } : { name, ok: false, ms, error: describeError(error) });
    }
  }
  await walk(root, [], root.beforeEach, root.afterEach);
  return results;
}

function describeError(error: unknown): string {
  if (error instanceof Error) return `${error.message}\n${error.stack ?? ""}`.slice(0, 4000);
  return String(error);
}

/** The line a runtime prints for the vitest side to read: a marker, then the JSON. */
export const RESULT_MARKER = "SESAME_CONTRACT_RESULTS ";
