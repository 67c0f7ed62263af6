/**
 * The only script Sesame serves, loaded by the "check your inbox" page: it asks the
 * server every two seconds whether the login was approved on another device, and
 * continues into the app when it was. Served from Sesame's origin, so the
 * Content-Security-Policy needs no inline script.
 */
export const PAGE_SCRIPT = `"use strict";
(() => {
  const status = document.getElementById("approval-status");
  if (!status) return;
  const url = status.dataset.poll;
  const messages = {
    denied: "The request was cancelled on the other device.",
    expired: "The link has expired. Ask for a new one.",
    used: "The link was used already.",
    none: "",
  };
  const wait = (ms) => new Promise((resolve) => setTimeout(resolve, ms));
  (async () => {
    for (let delay = 2000; ; ) {
      await wait(delay);
      let answer;
      try {
        const response = await fetch(url, { method: "POST", headers: { accept: "application/json" }, credentials: "same-origin" });
        answer = await response.json();
      } catch {
        delay = Math.min(delay * 2, 30000);
        continue;
      }
      if (answer.status === "logged_in") {
        status.textContent = "Approved. Logging you in…";
        location.assign(answer.next);
        return;
      }
      if (answer.status !== "waiting") {
        status.textContent = messages[answer.status] ?? "";
        return;
      }
      delay = 2000;
    }
  })();
})();
`;
