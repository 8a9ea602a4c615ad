// Minimal line charts as standalone SVG (no dependencies).
export type Series = { name: string; color: string; points: Array<[number, number]> };

const esc = (s: string) => s.replace(/&/g, "&amp;").replace(/</g, "&lt;");

export function lineChart(opts: { title: string; xLabel: string; yLabel: string; series: Series[]; logX?: boolean; goal?: { y: number; label: string } }): string {
  const W = 640;
  const H = 360;
  const m = { l: 70, r: 20, t: 40, b: 50 };
  const pts = opts.series.flatMap((s) => s.points).filter(([x, y]) => Number.isFinite(x) && Number.isFinite(y));
  const fx = (x: number) => (opts.logX ? Math.log10(x) : x);
  const xs = pts.map(([x]) => fx(x));
  const ys = pts.map(([, y]) => y).concat(opts.goal ? [opts.goal.y] : []);
  const x0 = Math.min(...xs);
  const x1 = Math.max(...xs) === x0 ? x0 + 1 : Math.max(...xs);
  const y0 = Math.min(0, ...ys);
  const y1 = Math.max(...ys) * 1.1 || 1;
  const X = (x: number) => m.l + ((fx(x) - x0) / (x1 - x0)) * (W - m.l - m.r);
  const Y = (y: number) => H - m.b - ((y - y0) / (y1 - y0)) * (H - m.t - m.b);
  const out: string[] = [];
  out.push(`<svg xmlns="http://www.w3.org/2000/svg" width="${W}" height="${H}" viewBox="0 0 ${W} ${H}" font-family="sans-serif" font-size="12">`);
  out.push(`<rect width="${W}" height="${H}" fill="white"/>`);
  out.push(`<text x="${W / 2}" y="22" text-anchor="middle" font-size="15" font-weight="bold">${esc(opts.title)}</text>`);
  for (let i = 0; i <= 5; i++) {
    const y = y0 + ((y1 - y0) * i) / 5;
    out.push(`<line x1="${m.l}" x2="${W - m.r}" y1="${Y(y)}" y2="${Y(y)}" stroke="#eee"/>`);
    out.push(`<text x="${m.l - 6}" y="${Y(y) + 4}" text-anchor="end">${Math.round(y * 10) / 10}</text>`);
  }
  const xticks = [...new Set(pts.map(([x]) => x))].sort((a, b) => a - b);
  for (const x of xticks) out.push(`<text x="${X(x)}" y="${H - m.b + 18}" text-anchor="middle">${x}</text>`);
  out.push(`<line x1="${m.l}" x2="${W - m.r}" y1="${H - m.b}" y2="${H - m.b}" stroke="#333"/><line x1="${m.l}" x2="${m.l}" y1="${m.t}" y2="${H - m.b}" stroke="#333"/>`);
  out.push(`<text x="${W / 2}" y="${H - 10}" text-anchor="middle">${esc(opts.xLabel)}</text>`);
  out.push(`<text transform="translate(16 ${H / 2}) rotate(-90)" text-anchor="middle">${esc(opts.yLabel)}</text>`);
  if (opts.goal) {
    out.push(`<line x1="${m.l}" x2="${W - m.r}" y1="${Y(opts.goal.y)}" y2="${Y(opts.goal.y)}" stroke="#c00" stroke-dasharray="6 4"/>`);
    out.push(`<text x="${W - m.r - 4}" y="${Y(opts.goal.y) - 5}" text-anchor="end" fill="#c00">${esc(opts.goal.label)}</text>`);
  }
  opts.series.forEach((s, i) => {
    const p = s.points.filter(([x, y]) => Number.isFinite(x) && Number.isFinite(y));
    if (p.length) out.push(`<polyline fill="none" stroke="${s.color}" stroke-width="2" points="${p.map(([x, y]) => `${X(x)},${Y(y)}`).join(" ")}"/>`);
    for (const [x, y] of p) out.push(`<circle cx="${X(x)}" cy="${Y(y)}" r="3.5" fill="${s.color}"/>`);
    out.push(`<rect x="${m.l + 10}" y="${m.t + 4 + i * 18}" width="12" height="12" fill="${s.color}"/><text x="${m.l + 28}" y="${m.t + 14 + i * 18}">${esc(s.name)}</text>`);
  });
  out.push("</svg>");
  return out.join("\n");
}
