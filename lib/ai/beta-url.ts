/**
 * DeepSeek's beta base URL (chat prefix completion): `https://api.deepseek.com/beta`. A configured
 * `…/v1` base is accepted by DeepSeek for the normal API but not under /beta, so it is dropped.
 */
export function betaBaseUrl(baseUrl: string): string {
  const root = baseUrl.replace(/\/+$/, "").replace(/\/(v1|beta)$/, "");
  return `${root}/beta`;
}
