/**
 * node bench/profile-summary.mjs file.cpuprofile [--top=25]
 *
 * Self time from a V8 CPU profile (node --cpu-prof), by function and by file, so a
 * profile taken under `npm run bench -- --profile` can be read without DevTools.
 */
import { readFileSync } from "node:fs";

const file = process.argv[2];
const top = Number(process.argv.find((arg) => arg.startsWith("--top="))?.slice(6) ?? 25);
const profile = JSON.parse(readFileSync(file, "utf8"));
const byId = new Map(profile.nodes.map((node) => [node.id, node]));
const hits = new Map();
// Each sample names the node that was running; the time until the next sample is its.
for (let i = 0; i < profile.samples.length; i++) hits.set(profile.samples[i], (hits.get(profile.samples[i]) ?? 0) + (profile.timeDeltas[i + 1] ?? 0));
const total = [...hits.values()].reduce((a, b) => a + b, 0);

const shortFile = (url) =>
  url
    ? url
        .replace(/^file:\/\//, "")
        .replace(/^.*node_modules\//, "nm/")
        .replace(/^.*\/(dist|bench)\//, "$1/")
    : "(native)";
const byFunction = new Map();
const byFile = new Map();
for (const [id, time] of hits) {
  const { functionName, url, lineNumber } = byId.get(id).callFrame;
  const fn = `${functionName || "(anonymous)"}  ${shortFile(url)}${url ? `:${lineNumber + 1}` : ""}`;
  byFunction.set(fn, (byFunction.get(fn) ?? 0) + time);
  const group = url ? shortFile(url).replace(/^nm\/((@[^/]+\/)?[^/]+)\/.*$/, "nm/$1") : functionName;
  byFile.set(group, (byFile.get(group) ?? 0) + time);
}
const show = (title, map) => {
  console.log(`\n${title} (total ${(total / 1000).toFixed(0)} ms)`);
  for (const [name, time] of [...map].sort((a, b) => b[1] - a[1]).slice(0, top)) {
    console.log(`${((100 * time) / total).toFixed(1).padStart(5)}%  ${name}`);
  }
};
// Inclusive time: a function's own samples and those of everything it called (counted once per stack).
const parent = new Map();
for (const node of profile.nodes) for (const child of node.children ?? []) parent.set(child, node.id);
const inclusive = new Map();
for (const [id, time] of hits) {
  const seen = new Set();
  for (let at = id; at !== undefined; at = parent.get(at)) {
    const { functionName, url, lineNumber } = byId.get(at).callFrame;
    if (!url) continue;
    const fn = `${functionName || "(anonymous)"}  ${shortFile(url)}:${lineNumber + 1}`;
    if (seen.has(fn)) continue;
    seen.add(fn);
    inclusive.set(fn, (inclusive.get(fn) ?? 0) + time);
  }
}
show("self time by function", byFunction);
if (process.argv.includes("--inclusive")) show("inclusive time by function", inclusive);
show("self time by file or native group", byFile);
