import { describe, expect, it } from "vitest";
import { pageScripts } from "../../bench/sections/client.ts";

describe("bench: the scripts a page loads (first-load JS)", () => {
  it("counts each script once and skips nomodule polyfills, as a current browser does", () => {
    const html = [
      '<script src="/_next/static/chunks/a.js" async="" nonce="n1"></script>',
      '<script src="/_next/static/chunks/b.js" async=""></script>',
      '<script src="/_next/static/chunks/polyfill.js" noModule="" nonce="n1"></script>',
      '<script nomodule src="/_next/static/chunks/legacy.js"></script>',
      '<script nonce="n1" id="_R_">self.__next_f=[]</script>',
      '<script src="/_next/static/chunks/a.js" async=""></script>',
      '<script nonce="n1" src="/_next/static/chunks/c.js" async=""></script>',
    ].join("");
    expect(pageScripts(html)).toEqual(["/_next/static/chunks/a.js", "/_next/static/chunks/b.js", "/_next/static/chunks/c.js"]);
  });

  it("keeps a script whose name only contains the word", () => {
    expect(pageScripts('<script src="/nomodule-helpers.js" data-x="nomodulex"></script>')).toEqual(["/nomodule-helpers.js"]);
  });
});
