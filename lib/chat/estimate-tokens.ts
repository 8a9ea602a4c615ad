/**
 * A quick token estimate for the composer, using DeepSeek's published rule of thumb: about 0.3
 * tokens per English character and 0.6 per Chinese character. Good to ±20%, which is all a
 * "this is long" hint needs; the exact count comes back with the answer's usage.
 */
export function estimateTokens(text: string): number {
  let cjk = 0;
  for (const ch of text) if (/[\u3040-\u30ff\u3400-\u9fff\uf900-\ufaff\uac00-\ud7af]/.test(ch)) cjk++;
  const other = [...text].length - cjk;
  return Math.ceil(cjk * 0.6 + other * 0.3);
}
