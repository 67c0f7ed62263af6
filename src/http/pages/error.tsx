import type { FC } from "hono/jsx";
import { home, type PageProps } from "./parts.js";

export const ErrorPage: FC<PageProps<"error">> = ({ state, context }) => (
  <>
    <h1>{state.title}</h1>
    <p>{state.message}</p>
    <p>
      <a class="button secondary" href={home(context)}>
        {context.words.backToStart}
      </a>
    </p>
  </>
);
