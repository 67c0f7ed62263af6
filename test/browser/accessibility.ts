/**
 * Accessibility checks on a live page: axe-core's rules, keyboard focus that shows,
 * and errors that assistive technology announces.
 */
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import type { Page } from "playwright-core";
import { expect } from "vitest";

const AXE_SOURCE = readFileSync(createRequire(import.meta.url).resolve("axe-core/axe.min.js"), "utf8");

export interface AxeFinding {
  page: string;
  id: string;
  impact: string | null;
  help: string;
  targets: string[];
}

/** Every violation axe reported in this file, of any impact, for the run's summary. */
export const axeFindings: AxeFinding[] = [];

/**
 * Runs axe-core on the page as it is now and fails on serious or critical violations.
 * The page's policy forbids inline script, so axe goes in through the DevTools protocol
 * (which the policy does not govern) rather than a script tag.
 */
export async function expectAccessible(page: Page, label: string): Promise<void> {
  if (!(await page.evaluate(() => "axe" in window))) await page.evaluate(AXE_SOURCE);
  const violations = await page.evaluate(async () => {
    type Violation = { id: string; impact: string | null; help: string; nodes: { target: unknown[] }[] };
    const axe = (window as unknown as { axe: { run(context: Document, options: object): Promise<{ violations: Violation[] }> } }).axe;
    const result = await axe.run(document, { resultTypes: ["violations"] });
    return result.violations.map((v) => ({ id: v.id, impact: v.impact, help: v.help, targets: v.nodes.map((n) => n.target.join(" ")) }));
  });
  for (const violation of violations) axeFindings.push({ page: label, ...violation });
  const blocking = violations.filter((v) => v.impact === "serious" || v.impact === "critical");
  expect(blocking, `axe on ${label}: ${JSON.stringify(blocking, null, 2)}`).toEqual([]);
}

/** The focused element's visible focus indicator: a real outline, or a box-shadow ring. */
export async function expectFocusVisible(page: Page): Promise<void> {
  const focus = await page.evaluate(() => {
    const element = document.activeElement;
    if (!element || element === document.body) return { element: "body", outline: "none", boxShadow: "none" };
    const style = getComputedStyle(element);
    return {
      element: element.outerHTML.slice(0, 80),
      outline:
        style.outlineStyle === "none" || parseFloat(style.outlineWidth) === 0 ? "none" : `${style.outlineWidth} ${style.outlineStyle} ${style.outlineColor}`,
      boxShadow: style.boxShadow,
    };
  });
  expect(focus.outline !== "none" || focus.boxShadow !== "none", `no visible focus on ${focus.element}`).toBe(true);
}

/**
 * Presses Tab until `selector` has focus, checking on the way that every control
 * reached shows its focus. Fails after `limit` presses: the control is not reachable.
 */
export async function tabTo(page: Page, selector: string, limit = 12): Promise<void> {
  for (let presses = 0; presses < limit; presses++) {
    await page.keyboard.press("Tab");
    await expectFocusVisible(page);
    if (await page.evaluate((s) => document.activeElement?.matches(s) ?? false, selector)) return;
  }
  throw new Error(`${selector} not reached with ${limit} presses of Tab`);
}

/**
 * A field whose value was refused: marked invalid, described by its error, and the
 * error is in an alert (so screen readers say it when the page loads).
 */
export async function expectAnnouncedError(page: Page, fieldSelector: string, text: string | RegExp): Promise<void> {
  const field = page.locator(fieldSelector);
  expect(await field.getAttribute("aria-invalid")).toBe("true");
  const describedBy = await field.getAttribute("aria-describedby");
  expect(describedBy).toBeTruthy();
  const error = page.locator(`#${describedBy}`);
  expect(await error.textContent()).toMatch(text);
  const announced = await error.evaluate((node) => node.getAttribute("role") === "alert" || node.closest("[aria-live]") !== null);
  expect(announced, "the error is in role=alert or an aria-live region").toBe(true);
}
