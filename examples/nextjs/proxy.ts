import { NextResponse, type NextRequest } from "next/server";
import { sesame } from "./lib/sesame";

// Before /dashboard renders: people who are not logged in go to the form and come back.
export async function proxy(request: NextRequest) {
  if (await (await sesame).authenticate(request)) return NextResponse.next();
  return NextResponse.redirect(new URL(`/auth/?next=${encodeURIComponent(request.nextUrl.pathname)}`, request.url));
}

export const config = { matcher: ["/dashboard/:path*"] };
