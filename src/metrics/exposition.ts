/**
 * The Prometheus text format (version 0.0.4), for the few kinds Sesame exports: counters
 * and gauges with small fixed label sets, and one histogram family. Label values come
 * from Sesame's own fixed sets, never from a request, but are escaped all the same.
 */
export type Labels = Readonly<Record<string, string>>;

const escape = (value: string) => value.replace(/\\/g, "\\\\").replace(/\n/g, "\\n").replace(/"/g, '\\"');

function labelText(labels: Labels, extra?: [string, string]): string {
  const pairs = Object.entries(labels);
  if (extra) pairs.push(extra);
  return pairs.length === 0 ? "" : `{${pairs.map(([name, value]) => `${name}="${escape(value)}"`).join(",")}}`;
}

const number = (value: number) => (Number.isInteger(value) ? String(value) : value.toPrecision(6));

/** Values by label set; the key is the labels' JSON, in insertion order. */
export class Family {
  readonly #values = new Map<string, { labels: Labels; value: number }>();
  constructor(
    readonly name: string,
    readonly type: "counter" | "gauge",
    readonly help: string,
  ) {}

  add(labels: Labels, by = 1): void {
    const key = JSON.stringify(labels);
    const found = this.#values.get(key);
    if (found) found.value += by;
    else this.#values.set(key, { labels, value: by });
  }

  set(labels: Labels, value: number): void {
    this.#values.set(JSON.stringify(labels), { labels, value });
  }

  render(): string {
    const lines = [`# HELP ${this.name} ${this.help}`, `# TYPE ${this.name} ${this.type}`];
    for (const { labels, value } of this.#values.values()) lines.push(`${this.name}${labelText(labels)} ${number(value)}`);
    return lines.join("\n");
  }
}

/** Cumulative buckets, a sum and a count per label set. */
export class Histogram {
  readonly #series = new Map<string, { labels: Labels; counts: number[]; sum: number; count: number }>();
  constructor(
    readonly name: string,
    readonly help: string,
    readonly buckets: readonly number[],
  ) {}

  observe(labels: Labels, value: number): void {
    const key = JSON.stringify(labels);
    let series = this.#series.get(key);
    if (!series) this.#series.set(key, (series = { labels, counts: this.buckets.map(() => 0), sum: 0, count: 0 }));
    for (let i = 0; i < this.buckets.length; i++) if (value <= this.buckets[i]!) series.counts[i]! += 1;
    series.sum += value;
    series.count += 1;
  }

  render(): string {
    const lines = [`# HELP ${this.name} ${this.help}`, `# TYPE ${this.name} histogram`];
    for (const { labels, counts, sum, count } of this.#series.values()) {
      this.buckets.forEach((bound, i) => lines.push(`${this.name}_bucket${labelText(labels, ["le", String(bound)])} ${counts[i]}`));
      lines.push(`${this.name}_bucket${labelText(labels, ["le", "+Inf"])} ${count}`);
      lines.push(`${this.name}_sum${labelText(labels)} ${number(sum)}`);
      lines.push(`${this.name}_count${labelText(labels)} ${count}`);
    }
    return lines.join("\n");
  }
}
