export const WORKER_BUNDLE: string;
export function buildWorker(): Promise<string>;
export function workerModules(): { type: "ESModule"; path: string; contents: string }[];
export interface WorkerSizes {
  entry: { raw: number; gzipped: number; modules: number };
  all: { raw: number; gzipped: number; modules: number };
}
export function workerSizes(): WorkerSizes;
export function describeSizes(sizes: WorkerSizes): string;
