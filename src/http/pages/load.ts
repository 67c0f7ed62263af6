/**
 * What the pages need, as one module the HTTP face imports on first use (http/respond.ts): the
 * renderer, the components and styles behind it, and the pages' words. A client that only
 * speaks the JSON API never loads them; in the Worker's bundle they are a chunk of their own.
 */
export { renderPage } from "./render.js";
export { PAGE_CATALOGUE, pageWords } from "./words/index.js";
