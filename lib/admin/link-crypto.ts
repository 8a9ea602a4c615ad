import { createCipheriv, createDecipheriv, hkdfSync, randomBytes } from "node:crypto";

// Pending invitation links stay copyable without storing the token in plain text: the token is
// sealed with AES-256-GCM under a key derived (HKDF-SHA256) from the app's auth secret, and bound
// to the row's token hash as associated data, so a ciphertext cannot be moved to another row.
// Rotating AUTH_SECRET makes old ciphertexts unreadable: those links show "copy unavailable".
// Lookups never use the ciphertext; they keep using the SHA-256 hash.

const VERSION = "v1";
const INFO = "shoal/invitation-link/v1";

export function deriveLinkKey(authSecret: string): Buffer {
  return Buffer.from(hkdfSync("sha256", authSecret, Buffer.alloc(0), INFO, 32));
}

/** `v1.<iv>.<ciphertext>.<tag>` (base64url), authenticated together with `aad`. */
export function sealLinkToken(token: string, key: Buffer, aad: string): string {
  const iv = randomBytes(12);
  const cipher = createCipheriv("aes-256-gcm", key, iv);
  cipher.setAAD(Buffer.from(aad, "utf8"));
  const ct = Buffer.concat([cipher.update(token, "utf8"), cipher.final()]);
  return [VERSION, iv.toString("base64url"), ct.toString("base64url"), cipher.getAuthTag().toString("base64url")].join(".");
}

/** The token, or null when the value is malformed, was sealed under another key, or for another row. */
export function openLinkToken(sealed: string, key: Buffer, aad: string): string | null {
  const [version, iv, ct, tag, ...rest] = sealed.split(".");
  if (version !== VERSION || !iv || !ct || !tag || rest.length) return null;
  try {
    const decipher = createDecipheriv("aes-256-gcm", key, Buffer.from(iv, "base64url"), { authTagLength: 16 });
    decipher.setAAD(Buffer.from(aad, "utf8"));
    decipher.setAuthTag(Buffer.from(tag, "base64url"));
    return Buffer.concat([decipher.update(Buffer.from(ct, "base64url")), decipher.final()]).toString("utf8");
  } catch {
    return null;
  }
}
