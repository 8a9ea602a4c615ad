/** The provisional title: the first words of the question, on one line. */
export function titleFromText(text: string, maxChars = 60): string {
  const line = text.replace(/\s+/g, " ").trim();
  if (line.length <= maxChars) return line || "…";
  const cut = line.slice(0, maxChars);
  const lastSpace = cut.lastIndexOf(" ");
  return `${(lastSpace > maxChars / 2 ? cut.slice(0, lastSpace) : cut).trimEnd()}…`;
}
