// Line charts drawn as SVG: one panel, several series, linear axes with round tick values.
// Each series' polyline carries data-series and data-count, so a test can read what is drawn.
"use strict";
const GanChart = (() => {
  const NS = "http://www.w3.org/2000/svg";
  const COLOURS = ["#2563eb", "#ea580c", "#16a34a", "#9333ea", "#dc2626", "#0891b2", "#ca8a04", "#db2777"];
  const W = 520, H = 230, LEFT = 56, RIGHT = 12, TOP = 26, BOTTOM = 36;

  function element(name, attributes, text) {
    const e = document.createElementNS(NS, name);
    for (const [k, v] of Object.entries(attributes || {})) e.setAttribute(k, v);
    if (text !== undefined) e.textContent = text;
    return e;
  }

  // About five round values (1, 2 or 5 times a power of ten) covering [lo, hi].
  function ticks(lo, hi) {
    if (!(hi > lo)) { hi = lo + 1; lo = lo - 1; }
    const raw = (hi - lo) / 5, power = Math.pow(10, Math.floor(Math.log10(raw)));
    const step = [1, 2, 5, 10].map(m => m * power).find(s => s >= raw);
    const values = [];
    for (let v = Math.ceil(lo / step) * step; v <= hi + step * 1e-9; v += step) values.push(Number(v.toPrecision(12)));
    return values;
  }

  function label(v) {
    const a = Math.abs(v);
    return a !== 0 && (a >= 1e5 || a < 1e-3) ? v.toExponential(1) : String(Number(v.toPrecision(4)));
  }

  // series: [{ name, points: [[x, y], …] }]; points with a non-finite y are left out.
  function line(title, series, xLabel) {
    const svg = element("svg", { class: "chart", width: W, height: H, viewBox: `0 0 ${W} ${H}`, "data-chart": title, role: "img", "aria-label": title });
    svg.appendChild(element("text", { class: "title", x: LEFT, y: 16 }, title));
    const clean = series.map(s => ({ name: s.name, points: s.points.filter(p => Number.isFinite(p[0]) && Number.isFinite(p[1])) }));
    const all = clean.flatMap(s => s.points);
    if (all.length === 0) {
      svg.appendChild(element("text", { x: LEFT, y: H / 2 }, "no values yet"));
      return svg;
    }
    const xs = all.map(p => p[0]), ys = all.map(p => p[1]);
    const [x0, x1] = [Math.min(...xs), Math.max(...xs)], [y0, y1] = [Math.min(...ys), Math.max(...ys)];
    const xt = ticks(x0, x1), yt = ticks(y0, y1);
    const [xa, xb, ya, yb] = [Math.min(x0, xt[0]), Math.max(x1, xt[xt.length - 1]), Math.min(y0, yt[0]), Math.max(y1, yt[yt.length - 1])];
    const px = x => LEFT + (xb > xa ? (x - xa) / (xb - xa) : 0.5) * (W - LEFT - RIGHT);
    const py = y => H - BOTTOM - (yb > ya ? (y - ya) / (yb - ya) : 0.5) * (H - TOP - BOTTOM);
    for (const v of yt) {
      svg.appendChild(element("line", { class: "axis", x1: LEFT, x2: W - RIGHT, y1: py(v), y2: py(v) }));
      svg.appendChild(element("text", { x: LEFT - 6, y: py(v) + 4, "text-anchor": "end" }, label(v)));
    }
    for (const v of xt) svg.appendChild(element("text", { x: px(v), y: H - BOTTOM + 16, "text-anchor": "middle" }, label(v)));
    svg.appendChild(element("text", { x: W - RIGHT, y: H - 4, "text-anchor": "end" }, xLabel || "step"));
    let legendRight = W - RIGHT;   // the legend runs leftwards along the title's line, clear of the curves
    clean.forEach((s, i) => {
      const colour = COLOURS[i % COLOURS.length];
      svg.appendChild(element("polyline", {
        points: s.points.map(p => `${px(p[0]).toFixed(1)},${py(p[1]).toFixed(1)}`).join(" "),
        stroke: colour, "data-series": s.name, "data-count": s.points.length,
      }));
      const legend = element("text", { x: legendRight, y: 16, "text-anchor": "end" }, s.name);
      legend.style.fill = colour;   // above the stylesheet's grey for chart text
      svg.appendChild(legend);
      legendRight -= 7 * s.name.length + 14;
    });
    return svg;
  }

  return { line, ticks };
})();
