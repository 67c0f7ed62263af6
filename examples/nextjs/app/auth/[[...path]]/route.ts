import { sesame } from "../../../lib/sesame";

// Every Sesame page and endpoint, /auth/ itself included (hence the double brackets).
const handle = async (request: Request) => (await sesame).fetch(request);
export { handle as GET, handle as POST };
