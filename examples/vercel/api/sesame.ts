// Every path is rewritten here (vercel.json); Sesame routes the request itself.
export { GET, POST } from "sesame/vercel-node";
