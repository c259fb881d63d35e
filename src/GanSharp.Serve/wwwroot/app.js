// The dashboard's pages, routed by the URL's hash: #/ (runs), #/run/NAME, #/compare/A,B,…, and the
// study's #/studies, #/study/NAME, #/results/NAME (study.js).
// Everything shown comes from the read-only JSON API; text is set with textContent, never as HTML.
"use strict";
const page = document.getElementById("page");
let leave = () => {};   // closes the current page's timers and event streams

function el(tag, attributes, ...children) {
  const e = document.createElement(tag);
  for (const [k, v] of Object.entries(attributes || {})) {
    if (k === "text") e.textContent = v; else e.setAttribute(k, v);
  }
  for (const c of children) if (c) e.append(c);
  return e;
}

async function json(url) {
  const response = await fetch(url);
  if (!response.ok) throw new Error(`${url}: ${response.status} ${response.statusText}`);
  return response.json();
}

const enc = encodeURIComponent;
const number = (v, digits) => v === null || v === undefined ? "" : Number(v).toFixed(digits);
const runLink = name => el("a", { href: `#/run/${enc(name)}`, text: name });
const status = s => el("span", { class: `status ${s}`, text: s, "data-status": s });
const file = (name, path) => `/api/runs/${enc(name)}/files/${path.split("/").map(enc).join("/")}`;
const grid = (name, step) => file(name, `samples/step-${String(step).padStart(6, "0")}.png`);

// Metric keys grouped into one chart each: losses, D's outputs, gradient norms, FID and KID, the rest.
const NOT_PLOTTED = new Set(["step", "epoch", "images", "train_s", "time"]);
function groupOf(key) {
  if (key.startsWith("loss")) return "losses";
  if (key.startsWith("d/")) return "discriminator output";
  if (key.startsWith("grad")) return "gradient norms";
  if (key === "fid" || key === "kid") return key === "fid" ? "FID" : "KID";
  if (key === "images_per_s") return "images/s";
  return "other";
}

function seriesOf(records, keys) {
  return keys.map(k => ({ name: k, points: records.filter(r => typeof r[k] === "number").map(r => [r.step, r[k]]) }));
}

function charts(records) {
  const keys = [...new Set(records.flatMap(r => Object.keys(r)))].filter(k => !NOT_PLOTTED.has(k) && records.some(r => typeof r[k] === "number"));
  const groups = new Map();
  for (const k of keys) groups.set(groupOf(k), [...(groups.get(groupOf(k)) || []), k]);
  const order = ["losses", "discriminator output", "FID", "KID", "gradient norms", "other", "images/s"];
  return el("div", { class: "charts" }, ...order.filter(g => groups.has(g)).map(g => GanChart.line(g, seriesOf(records, groups.get(g)))));
}

// #/ — every run of the folder, refreshed every few seconds.
async function runsPage() {
  const table = el("table", { id: "runs" });
  const compare = el("button", { id: "compare", disabled: "", text: "compare selected" });
  const chosen = new Set();
  compare.onclick = () => { location.hash = `#/compare/${[...chosen].map(enc).join(",")}`; };
  page.replaceChildren(el("h1", { text: "Runs" }), table, el("p", {}, compare));
  async function refresh() {
    const runs = await json("/api/runs");
    const head = el("tr", {}, ...["", "run", "family", "data", "status", "step", "FID", "img/s", "updated"].map(h => el("th", { text: h })));
    const rows = runs.map(r => {
      const box = el("input", { type: "checkbox", "aria-label": `select ${r.name}` });
      box.checked = chosen.has(r.name);
      box.onchange = () => { box.checked ? chosen.add(r.name) : chosen.delete(r.name); compare.disabled = chosen.size < 2; };
      return el("tr", { "data-run": r.name },
        el("td", {}, box), el("td", {}, runLink(r.name)), el("td", { text: r.family }), el("td", { class: "data", text: r.data, title: r.data }),
        el("td", {}, status(r.status), r.problem ? el("span", { class: "problem", title: r.problem, text: " ⚠" }) : null),
        el("td", { class: "number", text: `${r.step.toLocaleString()} / ${r.totalSteps.toLocaleString()}` }),
        el("td", { class: "number", text: number(r.fid, 2) }), el("td", { class: "number", text: number(r.imagesPerSecond, 0) }),
        el("td", { text: new Date(r.updated).toLocaleString() }));
    });
    table.replaceChildren(head, ...rows);
    if (runs.length === 0) table.append(el("tr", {}, el("td", { colspan: 9, text: "no runs yet: gan train FAMILY --runs this-folder" })));
  }
  await refresh();
  const timer = setInterval(() => refresh().catch(() => {}), 3000);
  return () => clearInterval(timer);
}

// #/run/NAME — curves that grow while the run trains, the sample grids over steps, pictures, results, config.
async function runPage(name) {
  const report = await json(`/api/runs/${enc(name)}`);
  let { records, offset } = await json(`/api/runs/${enc(name)}/metrics`);
  const head = el("h1", {}, `${name} `, status(report.summary.status));
  const facts = el("p", { class: "muted" });
  const curves = el("div", { id: "curves" });
  const slider = el("input", { type: "range", min: 0, value: 0, id: "sample-step", "aria-label": "sample step" });
  const stepLabel = el("span", { id: "sample-label" });
  const image = el("img", { id: "sample-grid", alt: "sample grid" });
  let steps = report.sampleSteps;
  const showSummary = s => {
    head.replaceChildren(`${name} `, status(s.status));
    facts.textContent = `${s.family} on ${s.data}: step ${s.step.toLocaleString()} of ${s.totalSteps.toLocaleString()}` +
      (s.fid !== null ? `, last FID ${number(s.fid, 2)}` : "") + (s.imagesPerSecond !== null ? `, ${number(s.imagesPerSecond, 0)} img/s` : "");
  };
  const showStep = () => {
    if (steps.length === 0) { stepLabel.textContent = "no sample grid yet"; image.removeAttribute("src"); return; }
    const step = steps[Number(slider.value)];
    stepLabel.textContent = `step ${step.toLocaleString()}`;
    image.src = grid(name, step);
  };
  const showSteps = latest => {
    const atEnd = Number(slider.value) >= Number(slider.max);
    slider.max = Math.max(0, steps.length - 1);
    if (latest || atEnd) slider.value = slider.max;
    showStep();
  };
  slider.oninput = showStep;
  showSummary(report.summary);
  curves.replaceChildren(charts(records));
  showSteps(true);
  const pictures = el("div", { class: "pictures" }, ...report.pictures.map(p =>
    el("figure", {}, el("img", { src: file(name, p), alt: p }), el("figcaption", { text: p }))));
  const results = Object.entries(report.results).map(([f, value]) => el("div", {}, el("h2", { text: f }), resultTable(value)));
  page.replaceChildren(...[head, facts, el("h2", { text: "Training" }), curves,
    el("h2", { text: "Samples" }), el("div", { class: "slider" }, slider, stepLabel), el("div", { class: "grid" }, image),
    report.pictures.length ? el("h2", { text: "Pictures" }) : null, pictures, ...results,
    el("h2", { text: "config.json" }), el("pre", { id: "config", text: JSON.stringify(report.config, null, 2) })].filter(Boolean));

  const events = new EventSource(`/api/runs/${enc(name)}/events?offset=${offset}`);
  events.addEventListener("metrics", e => { records = records.concat(JSON.parse(e.data)); curves.replaceChildren(charts(records)); });
  events.addEventListener("reset", async () => { ({ records } = await json(`/api/runs/${enc(name)}/metrics`)); curves.replaceChildren(charts(records)); });
  events.addEventListener("summary", e => showSummary(JSON.parse(e.data)));
  events.addEventListener("samples", e => { const fresh = JSON.parse(e.data); const more = fresh.length > steps.length; steps = fresh; showSteps(more); });
  return () => events.close();
}

// An evaluation result: its top-level numbers and strings as a table, nested parts as JSON.
function resultTable(value) {
  if (value === null || typeof value !== "object" || Array.isArray(value)) return el("pre", { text: JSON.stringify(value, null, 2) });
  const rows = Object.entries(value).map(([k, v]) => el("tr", {}, el("th", { text: k }),
    el("td", { class: typeof v === "number" ? "number" : "", text: typeof v === "number" ? String(Number(v.toPrecision(6))) : typeof v === "object" ? JSON.stringify(v) : String(v) })));
  return el("table", { class: "result" }, ...rows);
}

// #/compare/A,B — the runs' curves on one plot per quantity and their last grids side by side.
async function comparePage(names) {
  const data = await Promise.all(names.map(async n => ({ name: n, report: await json(`/api/runs/${enc(n)}`), records: (await json(`/api/runs/${enc(n)}/metrics`)).records })));
  const keys = [...new Set(data.flatMap(d => d.records.flatMap(r => Object.keys(r))))]
    .filter(k => !NOT_PLOTTED.has(k) && ["losses", "discriminator output", "FID", "KID"].includes(groupOf(k)));
  const plots = keys.map(k => GanChart.line(k, data.map(d => ({ name: d.name, points: seriesOf(d.records, [k])[0].points }))));
  const grids = data.map(d => {
    const last = d.report.sampleSteps[d.report.sampleSteps.length - 1];
    return el("figure", {}, last === undefined ? el("p", { text: "no grid yet" }) : el("img", { src: grid(d.name, last), alt: `${d.name} at step ${last}` }),
      el("figcaption", {}, runLink(d.name), last === undefined ? "" : ` at step ${last.toLocaleString()}`));
  });
  page.replaceChildren(el("h1", { text: `Compare ${names.join(", ")}` }), el("div", { class: "charts", id: "compare-curves" }, ...plots),
    el("h2", { text: "Last sample grids" }), el("div", { class: "pictures grid" }, ...grids));
  return () => {};
}

async function route() {
  leave();
  leave = () => {};
  const [, view, arg] = location.hash.match(/^#\/(run|compare|study|results)\/(.+)$/) || [];
  try {
    if (view === "run") leave = await runPage(decodeURIComponent(arg));
    else if (view === "compare") leave = await comparePage(arg.split(",").map(decodeURIComponent));
    else if (view === "study") leave = await studyPage(decodeURIComponent(arg));
    else if (view === "results") leave = await resultsPage(decodeURIComponent(arg));
    else if (location.hash === "#/studies") leave = await studiesPage();
    else leave = await runsPage();
  } catch (error) {
    page.replaceChildren(el("p", { class: "problem", text: String(error.message || error) }), el("a", { href: "#/", text: "back to the runs" }));
  }
}

window.addEventListener("hashchange", route);
route();
