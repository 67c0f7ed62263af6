/**
 * The one stylesheet, served from `assets/sesame.css` (the Content-Security-Policy
 * allows styles from our own origin only, so pages carry no inline styles). Built once
 * per instance from the configured accent; everything else is fixed.
 */
import { type SchemeColors, themeColors } from "../../theme.js";

function accentVariables(colors: SchemeColors): string {
  return `  --accent: ${colors.accent};
  --accent-hover: ${colors.accentHover};
  --accent-contrast: ${colors.accentContrast};
  --accent-soft: ${colors.accentSoft};`;
}

/** The stylesheet for an accent colour (a hex colour, checked by the options). */
export function renderStylesheet(accent?: string): string {
  const colors = themeColors(accent);
  return `:root {
  color-scheme: light dark;
${accentVariables(colors.light)}
  --bg: #f4f5f7;
  --card: #ffffff;
  --text: #1f2328;
  --muted: #57606a;
  --border: #dfe3e8;
  --field-border: #8c959f;
  --field-bg: #ffffff;
  --code-bg: #f6f8fa;
  --error: #b42318;
  --warning: #92400e;
  --warning-bg: #fffbeb;
  --warning-border: #f59e0b;
  --radius: 1rem;
  --radius-small: 0.625rem;
  --shadow: 0 1px 2px rgb(16 24 40 / 0.04), 0 12px 32px -8px rgb(16 24 40 / 0.12);
  --font: system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", "Noto Sans", "Liberation Sans", Arial, sans-serif;
}

@media (prefers-color-scheme: dark) {
  :root {
${accentVariables(colors.dark).replace(/^/gm, "  ")}
    --bg: #0d1117;
    --card: #161b22;
    --text: #e6edf3;
    --muted: #9da7b3;
    --border: #30363d;
    --field-border: #6e7681;
    --field-bg: #0d1117;
    --code-bg: #0d1117;
    --error: #ff8a80;
    --warning: #fcd34d;
    --warning-bg: #2b1d05;
    --warning-border: #b45309;
    --shadow: 0 12px 32px -8px rgb(0 0 0 / 0.5);
  }
}

*,
*::before,
*::after {
  box-sizing: border-box;
}

html {
  -webkit-text-size-adjust: 100%;
  text-size-adjust: 100%;
}

body {
  margin: 0;
  min-height: 100vh;
  min-height: 100dvh;
  display: flex;
  flex-direction: column;
  align-items: center;
  padding: clamp(1.25rem, 8vh, 5rem) 1rem 2rem;
  background: var(--bg);
  color: var(--text);
  font-family: var(--font);
  font-size: 1rem;
  line-height: 1.5;
}

header,
main {
  width: 100%;
  max-width: 27rem;
}

main.wide,
header.wide {
  max-width: 48rem;
}

main {
  padding: 2rem;
  background: var(--card);
  border: 1px solid var(--border);
  border-radius: var(--radius);
  box-shadow: var(--shadow);
}

@media (max-width: 30rem) {
  body {
    padding: 0.75rem 0.75rem 1.5rem;
  }
  main {
    padding: 1.5rem 1.25rem;
  }
}

h1 {
  margin: 0 0 0.75rem;
  font-size: 1.625rem;
  font-weight: 700;
  line-height: 1.2;
  letter-spacing: -0.02em;
  overflow-wrap: anywhere;
}

h2 {
  margin: 0 0 0.5rem;
  font-size: 1.0625rem;
  line-height: 1.3;
  overflow-wrap: anywhere;
}

p {
  margin: 0 0 1rem;
}

p:last-child {
  margin-bottom: 0;
}

strong,
.address {
  overflow-wrap: anywhere;
}

a {
  color: var(--accent);
  text-underline-offset: 0.15em;
}

a:hover {
  color: var(--accent-hover);
}

:focus-visible {
  outline: 3px solid var(--accent);
  outline-offset: 2px;
}

/* The product's name (and logo) above the card, a way home from every page. */
header {
  margin: 0 0 1rem;
}

.brand {
  display: inline-flex;
  align-items: center;
  gap: 0.625rem;
  min-height: 44px;
  color: var(--text);
  font-size: 1.125rem;
  font-weight: 700;
  letter-spacing: -0.01em;
  text-decoration: none;
  border-radius: var(--radius-small);
}

.brand:hover {
  color: var(--text);
}

.logo {
  display: block;
  width: auto;
  height: 2rem;
  max-width: 10rem;
}

/* Without a logo: the name's initial on an accent tile. */
.monogram {
  display: inline-grid;
  place-items: center;
  width: 2rem;
  height: 2rem;
  color: var(--accent-contrast);
  background: var(--accent);
  border-radius: 0.5rem;
  font-size: 1rem;
  line-height: 1;
}

.lead {
  font-size: 1.0625rem;
  color: var(--muted);
}

.hint {
  color: var(--muted);
  font-size: 0.9375rem;
}

form {
  display: grid;
  gap: 1rem;
  margin: 0 0 1.25rem;
}

form:last-child {
  margin-bottom: 0;
}

.field {
  display: grid;
  gap: 0.375rem;
}

label {
  font-weight: 600;
}

.optional {
  color: var(--muted);
  font-weight: 400;
}

input[type="email"],
input[type="text"] {
  width: 100%;
  min-height: 44px;
  margin: 0;
  padding: 0.625rem 0.75rem;
  color: var(--text);
  background: var(--field-bg);
  border: 1px solid var(--field-border);
  border-radius: var(--radius-small);
  font: inherit;
  font-size: max(1rem, 16px);
}

input:focus-visible {
  border-color: var(--accent);
  outline-offset: 0;
  box-shadow: 0 0 0 4px var(--accent-soft);
}

input[aria-invalid="true"] {
  border-color: var(--error);
}

button,
.button {
  display: inline-flex;
  align-items: center;
  justify-content: center;
  width: 100%;
  min-height: 44px;
  margin: 0;
  padding: 0.625rem 1rem;
  color: var(--accent-contrast);
  background: var(--accent);
  border: 1px solid transparent;
  border-radius: var(--radius-small);
  font: inherit;
  font-weight: 600;
  line-height: 1.25;
  text-align: center;
  text-decoration: none;
  cursor: pointer;
}

button:hover,
.button:hover {
  color: var(--accent-contrast);
  background: var(--accent-hover);
}

.button.secondary,
button.secondary {
  color: var(--accent);
  background: transparent;
  border-color: var(--field-border);
}

.button.secondary:hover,
button.secondary:hover {
  color: var(--accent-hover);
  background: var(--accent-soft);
}

/* A quiet choice, such as "Not me": a button that reads as a link. */
button.link {
  min-height: 44px;
  color: var(--error);
  background: transparent;
  text-decoration: underline;
  font-weight: 500;
}

button.link:hover {
  color: var(--error);
  background: transparent;
}

form + form {
  margin-top: 0.75rem;
}

.code {
  margin-top: 1.5rem;
  padding-top: 1.25rem;
  border-top: 1px solid var(--border);
}

.code h2,
.approve h2 {
  margin: 0 0 0.75rem;
  font-size: 1.0625rem;
}

.approve {
  margin-top: 1.5rem;
  padding-top: 1.25rem;
  border-top: 1px solid var(--border);
}

/* The number to type on the other device: large enough to read across a desk. */
.approval-number {
  display: inline-block;
  padding: 0.125rem 0.625rem;
  font-family: ui-monospace, SFMono-Regular, "SF Mono", Menlo, Consolas, "Liberation Mono", monospace;
  font-size: 1.75rem;
  letter-spacing: 0.15em;
  border: 1px solid var(--border);
  border-radius: var(--radius-small);
}

/* Six digits, easy to read back and compare with the mail; two for the approval number. */
input#code,
input#number {
  font-family: ui-monospace, SFMono-Regular, "SF Mono", Menlo, Consolas, "Liberation Mono", monospace;
  font-size: 1.375rem;
  letter-spacing: 0.3em;
  text-align: center;
}

@media (prefers-reduced-motion: no-preference) {
  button,
  .button,
  input {
    transition: background-color 0.15s ease, border-color 0.15s ease, color 0.15s ease;
  }
}

.error {
  margin: 0;
  color: var(--error);
  font-size: 0.9375rem;
  font-weight: 500;
}

.notice {
  padding: 0.75rem 1rem;
  background: var(--accent-soft);
  border-inline-start: 4px solid var(--accent);
  border-radius: var(--radius-small);
}

.warning {
  padding: 0.75rem 1rem;
  color: var(--warning);
  background: var(--warning-bg);
  border: 1px solid var(--warning-border);
  border-radius: var(--radius-small);
}

/* The account page: its sections, the list of devices, and the one irreversible button. */
section {
  margin-top: 2rem;
}

.devices {
  margin: 0 0 1rem 0;
  padding: 0;
  list-style: none;
}

.device {
  padding: 0.75rem 0;
  border-top: 1px solid var(--border);
}

.device p {
  margin: 0 0 0.25rem 0;
}

.badge {
  color: var(--muted);
  font-weight: 500;
}

.checkbox {
  display: flex;
  gap: 0.5rem;
  align-items: center;
}

.checkbox input {
  width: 1.25rem;
  height: 1.25rem;
  margin: 0;
}

button.danger {
  color: var(--card);
  background: var(--error);
}

button.danger:hover {
  color: var(--card);
  background: var(--error);
  filter: brightness(0.92);
}

/* Off the start edge: in a right-to-left page that is the right, where the page cannot be scrolled to (the left could). */
.hp {
  position: absolute;
  inset-inline-start: -10000px;
  top: auto;
  width: 1px;
  height: 1px;
  overflow: hidden;
}

.mailbox {
  display: grid;
  gap: 1rem;
  margin: 0;
  padding: 0;
  list-style: none;
}

.message {
  padding: 1rem;
  border: 1px solid var(--border);
  border-radius: var(--radius-small);
}

.message dl {
  display: grid;
  grid-template-columns: max-content minmax(0, 1fr);
  gap: 0.25rem 0.75rem;
  margin: 0 0 0.75rem;
  font-size: 0.9375rem;
}

.message dt {
  color: var(--muted);
}

.message dd {
  margin: 0;
  overflow-wrap: anywhere;
}

.message .link a {
  word-break: break-all;
}

pre {
  margin: 0;
  padding: 0.75rem;
  max-width: 100%;
  overflow-x: auto;
  white-space: pre-wrap;
  overflow-wrap: anywhere;
  word-break: break-word;
  background: var(--code-bg);
  border: 1px solid var(--border);
  border-radius: var(--radius-small);
  font-family: ui-monospace, SFMono-Regular, "SF Mono", Menlo, Consolas, "Liberation Mono", monospace;
  font-size: 0.875rem;
  line-height: 1.45;
}

/* The language switch: under the card, quiet, each language named in itself. */
.languages ul {
  display: flex;
  flex-wrap: wrap;
  justify-content: center;
  gap: 0.25rem 1rem;
  margin: 1.5rem 0 0;
  padding: 0;
  list-style: none;
  font-size: 0.875rem;
}

.languages a {
  color: var(--muted);
}

.languages a[aria-current] {
  color: var(--text);
  font-weight: 600;
  text-decoration: none;
}
`;
}
