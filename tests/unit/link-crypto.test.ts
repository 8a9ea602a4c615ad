import { describe, expect, it } from "vitest";
import { deriveLinkKey, openLinkToken, sealLinkToken } from "@/lib/admin/link-crypto";

const token = "Zm9vYmFyYmF6cXV4LXRva2VuLWZvci1hbi1pbnZpdGF0aW9uLWxpbms";
const aad = "a".repeat(64);

describe("invitation link sealing (AES-256-GCM, HKDF key from the auth secret)", () => {
  const key = deriveLinkKey("secret-one");

  it("round-trips and never contains the token in the clear", () => {
    const sealed = sealLinkToken(token, key, aad);
    expect(sealed).toMatch(/^v1\.[\w-]+\.[\w-]+\.[\w-]+$/);
    expect(sealed).not.toContain(token);
    expect(openLinkToken(sealed, key, aad)).toBe(token);
    // A fresh IV each time.
    expect(sealLinkToken(token, key, aad)).not.toBe(sealed);
  });

  it("derives a 32-byte key that depends on the secret", () => {
    expect(key.length).toBe(32);
    expect(deriveLinkKey("secret-one").equals(key)).toBe(true);
    expect(deriveLinkKey("secret-two").equals(key)).toBe(false);
  });

  it("refuses a wrong key, another row's associated data, and tampering", () => {
    const sealed = sealLinkToken(token, key, aad);
    expect(openLinkToken(sealed, deriveLinkKey("secret-two"), aad)).toBeNull();
    expect(openLinkToken(sealed, key, "b".repeat(64))).toBeNull();
    const [v, iv, ct, tag] = sealed.split(".");
    const flipped = Buffer.from(ct, "base64url");
    flipped[0] ^= 1;
    expect(openLinkToken([v, iv, flipped.toString("base64url"), tag].join("."), key, aad)).toBeNull();
    expect(openLinkToken([v, iv, ct, Buffer.alloc(16).toString("base64url")].join("."), key, aad)).toBeNull();
  });

  it("refuses malformed values", () => {
    for (const bad of ["", "v1", "v2.a.b.c", "v1.a.b", "v1.a.b.c.d", "not-a-ciphertext"]) expect(openLinkToken(bad, key, aad)).toBeNull();
  });
});
