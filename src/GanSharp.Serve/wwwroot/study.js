// The user study (after HYPE, Zhou et al. 2019): #/studies, #/study/NAME (rating), #/results/NAME.
// Uses el, json and enc from app.js. The page never learns which image is real: it shows what the
// server sends and posts the answer with how long the rater looked.
"use strict";

async function post(url, body) {
  const response = await fetch(url, { method: "POST", headers: { "Content-Type": "application/json" }, body: JSON.stringify(body) });
  if (!response.ok && response.status !== 204) throw new Error(`${url}: ${response.status} ${await response.text()}`);
  return response.status === 204 ? null : response.json();
}

const percent = p => p.rate === null ? "" : `${(100 * p.rate).toFixed(1)} %`;
const interval = p => p.low === null ? "" : `${(100 * p.low).toFixed(1)}–${(100 * p.high).toFixed(1)} %`;

async function studiesPage() {
  const studies = await json("/api/studies");
  const rows = studies.map(s => el("tr", { "data-study": s.name },
    el("td", { text: s.name }), el("td", { text: s.mode }), el("td", { text: s.runs.join(", ") }),
    el("td", { class: "number", text: String(s.images) }), el("td", { class: "number", text: String(s.ratings) }),
    el("td", {}, el("a", { href: `#/study/${enc(s.name)}`, text: "rate" }), " · ", el("a", { href: `#/results/${enc(s.name)}`, text: "results" }))));
  page.replaceChildren(el("h1", { text: "User studies" }),
    studies.length === 0 ? el("p", { text: "no studies yet: gan study create RUN… --images 50 --name my-study" })
      : el("table", {}, el("tr", {}, ...["study", "mode", "runs", "images", "ratings", ""].map(h => el("th", { text: h }))), ...rows));
  return () => {};
}

// One trial after another until the server says the rater is done.
async function studyPage(name) {
  const study = await json(`/api/studies/${enc(name)}`);
  const rater = el("input", { id: "rater", "aria-label": "rater id", placeholder: "your name or id", maxlength: "64" });
  rater.value = localStorage.getItem("gansharp-rater") || "";
  const start = el("button", { id: "start", text: "start" });
  const how = study.mode === "pair" ? "Two images: one is real, one is generated. Click the real one."
    : "One image at a time, real or generated. Say which." + (study.seconds > 0 ? ` Each shows for ${study.seconds} s.` : "");
  page.replaceChildren(el("h1", { text: `Study ${name}` }), el("p", { text: how }), el("p", {}, rater, " ", start));
  let timer = null;
  start.onclick = async () => {
    if (!rater.value.trim()) return;
    localStorage.setItem("gansharp-rater", rater.value.trim());
    await nextTrial(name, rater.value.trim(), t => { timer = t; });
  };
  return () => clearTimeout(timer);
}

async function nextTrial(name, rater, keepTimer) {
  const trial = await post(`/api/studies/${enc(name)}/next`, { rater });
  if (trial === null) {
    page.replaceChildren(el("h1", { text: `Study ${name}` }), el("p", { id: "done", text: "All answered: thank you." }),
      el("a", { href: `#/results/${enc(name)}`, text: "see the results" }));
    return;
  }
  const images = trial.images.map((id, i) => el("img", { src: `/api/studies/${enc(name)}/images/${id}`, class: "trial", alt: trial.images.length > 1 ? ["left", "right"][i] : "image", "data-image": id }));
  let shown = null;
  const loaded = images.map(img => new Promise(resolve => { img.onload = resolve; img.onerror = resolve; }));
  const labels = trial.mode === "pair" ? { left: "left is real", right: "right is real" } : { real: "real", fake: "fake" };
  const buttons = trial.answers.map(a => el("button", { "data-answer": a, text: labels[a] }));
  buttons.forEach(b => b.disabled = true);
  page.replaceChildren(el("h1", { text: `Study ${name}` }), el("p", { class: "muted", id: "progress", text: `${trial.done + 1} of ${trial.total}` }),
    el("div", { class: "trial-images" }, ...images), el("p", { class: "answers" }, ...buttons));
  await Promise.all(loaded);
  shown = performance.now();
  buttons.forEach(b => b.disabled = false);
  if (trial.seconds > 0) keepTimer(setTimeout(() => images.forEach(img => img.classList.add("hidden")), trial.seconds * 1000));
  buttons.forEach(b => b.onclick = async () => {
    buttons.forEach(x => x.disabled = true);
    await post(`/api/studies/${enc(name)}/answers`, { trial: trial.id, rater, answer: b.dataset.answer, millis: Math.round(performance.now() - shown) });
    await nextTrial(name, rater, keepTimer);
  });
}

async function resultsPage(name) {
  const r = await json(`/api/studies/${enc(name)}/results`);
  const pair = r.mode === "pair";
  const head = ["run", pair ? "generated picked as real" : "generated called real", "fooling rate", "95 % interval"]
    .concat(pair ? [] : ["real called real", "HYPE∞ error"]).concat(["median time"]);
  const rows = r.runs.map(run => el("tr", { "data-run": run.run },
    el("td", { text: run.run }), el("td", { class: "number fooled", text: `${run.fooling.count} / ${run.fooling.trials}` }),
    el("td", { class: "number", text: percent(run.fooling) }), el("td", { class: "number", text: interval(run.fooling) }),
    ...(pair ? [] : [el("td", { class: "number real", text: `${run.realCalledReal.count} / ${run.realCalledReal.trials}` }),
      el("td", { class: "number", text: `${percent(run.error)} (${interval(run.error)})` })]),
    el("td", { class: "number", text: run.medianMillis === null ? "" : `${(run.medianMillis / 1000).toFixed(2)} s` })));
  const classes = r.runs.filter(run => run.classes.length > 0).map(run => el("div", {}, el("h2", { text: `${run.run} by class` }),
    el("table", {}, el("tr", {}, ...["class", "fooled", "fooling rate", "95 % interval"].map(h => el("th", { text: h }))),
      ...run.classes.map(c => el("tr", {}, el("td", { text: c.name ?? String(c.label) }), el("td", { class: "number", text: `${c.fooling.count} / ${c.fooling.trials}` }),
        el("td", { class: "number", text: percent(c.fooling) }), el("td", { class: "number", text: interval(c.fooling) }))))));
  const raters = Object.entries(r.ratingsPerRater).map(([k, v]) => `${k}: ${v}`).join(", ");
  page.replaceChildren(el("h1", { text: `Results of ${name}` }),
    el("p", { id: "total", text: `${r.ratings} ratings (${r.mode} mode) by ${Object.keys(r.ratingsPerRater).length} rater(s): ${raters || "none yet"}` }),
    el("table", { id: "results" }, el("tr", {}, ...head.map(h => el("th", { text: h }))), ...rows), ...classes,
    el("p", { id: "agreement", text: r.agreement === null ? `Agreement: needs images rated by two or more raters.`
      : `Agreement between raters (Fleiss' κ over ${r.itemsInAgreement} images seen by two or more): ${r.agreement.toFixed(3)}` }),
    el("p", {}, el("a", { href: `/api/studies/${enc(name)}/ratings.csv`, text: "every rating as CSV" })));
  return () => {};
}
