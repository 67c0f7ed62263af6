/**
 * An open-loop load: requests start at a fixed rate whatever the answers do, and each one's
 * latency counts from when it was due to start, not from when a free connection let it
 * (so a stall shows in every request it delayed: no coordinated omission). A closed loop
 * of N connections cannot show this: its median is N divided by the throughput.
 *
 * Each tick of about a millisecond starts the requests due by then, on a keep-alive agent
 * with room for as many sockets as are busy. The generator's own floor is what it measures
 * against a hello-world at the same rate (bench.mjs reports that beside each workload).
 *
 * The first `warmup` seconds run at the same rate but are not measured: the agent opens its
 * sockets then (dozens in the first 100 ms), and a run that began cold sometimes queued for
 * up to a second and a half before the server saw its requests, which alone decided its p99.
 * Failed answers are counted over the warm-up too: a failure is worth seeing whenever it came.
 */
import { Agent, request as httpRequest } from "node:http";

/**
 * `next()` gives each request: `{ method, path, headers, body }`; `ok(status, headers)` tells
 * a good answer. Resolves with the latencies (ms, sorted), how many were good and bad, and
 * the rate achieved.
 */
export async function openLoop(url, { rate, seconds, next, ok, warmup = 1, onMeasuring = () => {} }) {
  const target = new URL(url);
  const agent = new Agent({ keepAlive: true, maxSockets: 1024 });
  const latencies = [];
  let good = 0;
  let bad = 0;
  const warm = Math.round(rate * warmup);
  const total = warm + Math.round(rate * seconds);
  const interval = 1000 / rate;
  const started = performance.now();
  const measuredFrom = started + warm * interval;
  let sent = 0;
  const inFlight = new Set();

  const fire = (dueAt) => {
    const measured = dueAt >= measuredFrom;
    const spec = next();
    const done = new Promise((resolve) => {
      const req = httpRequest({ host: target.hostname, port: target.port, method: spec.method, path: spec.path, headers: spec.headers, agent }, (response) => {
        response.resume();
        response.on("end", () => {
          if (measured) latencies.push(performance.now() - dueAt);
          if (ok(response.statusCode, response.headers)) good++;
          else bad++;
          resolve();
        });
      });
      req.on("error", () => {
        bad++;
        resolve();
      });
      req.end(spec.body);
    });
    inFlight.add(done);
    done.then(() => inFlight.delete(done));
  };

  await new Promise((resolve) => {
    const tick = () => {
      const now = performance.now();
      // Every request due by now starts now; its clock started when it was due.
      while (sent < total && started + sent * interval <= now) {
        if (sent === warm) onMeasuring();
        fire(started + sent++ * interval);
      }
      if (sent < total) setTimeout(tick, Math.max(0, started + sent * interval - performance.now()));
      else resolve();
    };
    tick();
  });
  await Promise.all(inFlight);
  agent.destroy();
  latencies.sort((a, b) => a - b);
  return { latencies, good, bad, achieved: latencies.length / ((performance.now() - measuredFrom) / 1000) };
}
