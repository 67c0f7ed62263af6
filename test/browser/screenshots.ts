/**
 * Pictures of the pages for the README, written to docs/screenshots/ on every run: each
 * page as a phone (375 px wide) and a desktop would show it. Viewport-sized, never full
 * pages, so the files stay small.
 */
import { mkdirSync } from "node:fs";
import { join } from "node:path";
import type { Page } from "playwright-core";
import { DESKTOP, PHONE } from "./chromium.js";

export const SCREENSHOT_DIR = join(import.meta.dirname, "..", "..", "docs", "screenshots");

/** Every file written in this run, for the summary. */
export const screenshotsTaken: string[] = [];

async function save(page: Page, file: string): Promise<void> {
  mkdirSync(SCREENSHOT_DIR, { recursive: true });
  // Values drawn or read afresh each run (the approval number, the time a link was asked for)
  // get fixed stand-ins, so the same page gives the same picture and the files change only with the page.
  await page.evaluate(() => {
    const number = document.getElementById("approval-number");
    if (number) number.textContent = "42";
    for (const time of document.querySelectorAll("time")) time.textContent = "12:00 UTC";
  });
  // No caret blinking into the picture, no transition caught half-way: the same page gives the same PNG.
  await page.screenshot({ path: join(SCREENSHOT_DIR, file), animations: "disabled", caret: "hide" });
  screenshotsTaken.push(file);
}

/** `name`-desktop.png and `name`-phone.png; the page is left at the size it had. */
export async function capture(page: Page, name: string): Promise<void> {
  const size = page.viewportSize() ?? DESKTOP;
  await page.setViewportSize(DESKTOP);
  await save(page, `${name}-desktop.png`);
  await page.setViewportSize(PHONE);
  await save(page, `${name}-phone.png`);
  await page.setViewportSize(size);
}
