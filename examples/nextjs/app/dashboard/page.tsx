import { headers } from "next/headers";
import { redirect } from "next/navigation";
import { sesame } from "../../lib/sesame";

export default async function Dashboard() {
  const session = await (await sesame).authenticate(await headers());
  if (!session) redirect("/auth/?next=/dashboard"); // proxy.ts sends most visitors there first
  return <p>Hello, {session.account.email}</p>;
}
