export const WORKER_BUNDLE: string;
export const WORKER_START_BUDGET: number;
export function buildWorker(): Promise<string>;
export function workerModules(): { type: "ESModule"; path: string; contents: string }[];
export interface WorkerSizes {
  /** What a cold start loads: the entry and its static chunks, and the source files they hold. */
  entry: { raw: number; gzipped: number; modules: number; sources: string[] };
  all: { raw: number; gzipped: number; modules: number };
}
export function workerSizes(): WorkerSizes;
export function describeSizes(sizes: WorkerSizes): string;
