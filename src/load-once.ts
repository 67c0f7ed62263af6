/** The core's loadOnce, for the rooms outside it (the HTTP face takes nothing else from the core but types and errors). */
export { loadOnce } from "./core/load-once.js";
