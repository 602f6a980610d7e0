// sitrep's web UI: one page over the JSON API of the same server (docs/api.md).
// Every value from the store reaches the page through textContent or a DOM attribute set by
// code, never through innerHTML: article text and titles can hold anything.
"use strict";

const TYPE_COLOURS = {
  "Battles": "#d62728",
  "Explosions/Remote violence": "#ff7f0e",
  "Violence against civilians": "#9467bd",
  "Protests": "#2ca02c",
  "Riots": "#c9a100",
  "Strategic developments": "#1f77b4",
};
const OTHER_COLOUR = "#7f7f7f";
const PREDICATE_COLOURS = { backs: "#2e8b57", fights: "#d62728", member_of: "#1f77b4", part_of: "#1f77b4", leads: "#34495e",
  allied_with: "#8e44ad", affiliated_with: "#16a085", formerly_affiliated_with: "#95a5a6" };
// Events drawn on the map at once (pages of 1000): the newest first. The page's own URL may ask
// for another bound, e.g. /?map_events=20000 on a fast machine.
const MAX_EVENTS = Math.max(1, Number(new URLSearchParams(location.search).get("map_events")) || 5000);
const GEO_PRECISION = { 1: "the town itself", 2: "near the town, or a part of a region", 3: "a region only" };
const TIME_PRECISION = { 1: "day", 2: "week", 3: "month" };

const state = {
  meta: null,
  filters: { event_type: "", actor: "", country: "", since: "", until: "", min_confidence: 0, status: "current" },
  features: [],
  view: "map",
  timeline: null,
};

// ------------------------------------------------------------------ DOM helpers
function el(tag, attrs, ...children) {
  const node = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs || {})) {
    if (v === null || v === undefined || v === false) continue;
    if (k === "onclick") node.addEventListener("click", v);
    else if (k === "class") node.className = v;
    else node.setAttribute(k, String(v));
  }
  for (const c of children.flat()) {
    if (c === null || c === undefined || c === false) continue;
    node.append(c instanceof Node ? c : document.createTextNode(String(c)));
  }
  return node;
}
const $ = (id) => document.getElementById(id);
const typeOf = (p) => p.event_type || p.plover_type || "other";
const colour = (type) => TYPE_COLOURS[type] || OTHER_COLOUR;
const safeUrl = (u) => (typeof u === "string" && /^https?:\/\//i.test(u) ? u : null);

function setStatus(text) { $("status").textContent = text; }

async function api(path, params) {
  const qs = params ? "?" + new URLSearchParams(params).toString() : "";
  const r = await fetch(path + qs, { headers: { Accept: "application/json" } });
  if (!r.ok) {
    let detail = r.statusText;
    try { detail = (await r.json()).detail; } catch (_) { /* not JSON */ }
    throw new Error(typeof detail === "string" ? detail : JSON.stringify(detail));
  }
  return r.json();
}

function filterParams(options) {
  const f = state.filters, p = {};
  if (f.event_type) p.event_type = f.event_type;
  if (f.actor) p.actor = f.actor;
  if (f.country) p.country = f.country;
  if (!(options && options.noDates)) {
    if (f.since) p.since = f.since;
    if (f.until) p.until = f.until;
  }
  if (Number(f.min_confidence) > 0) p.min_confidence = f.min_confidence;
  if (f.status !== "current") p.status = f.status;
  return p;
}

// ------------------------------------------------------------------ filters
function buildFilters() {
  const type = $("f-type");
  for (const [t, subs] of Object.entries(state.meta.event_types)) {
    const group = el("optgroup", { label: t });
    group.append(el("option", { value: t }, t + " (all)"));
    for (const s of subs) group.append(el("option", { value: s }, s));
    type.append(group);
  }
  for (const c of state.meta.countries) $("f-country").append(el("option", { value: c.iso3 }, `${c.name} (${c.n_events})`));
  const bind = (id, key, evt) => $(id).addEventListener(evt || "change", () => { state.filters[key] = $(id).value; refresh(); });
  bind("f-type", "event_type");
  bind("f-country", "country");
  bind("f-since", "since");
  bind("f-until", "until");
  bind("f-status", "status");
  $("f-conf").addEventListener("input", () => { $("f-conf-out").textContent = $("f-conf").value; });
  bind("f-conf", "min_confidence");
  let typing;
  $("f-actor").addEventListener("input", () => {
    clearTimeout(typing);
    typing = setTimeout(() => { state.filters.actor = $("f-actor").value.trim(); refresh(); }, 350);
  });
  $("f-reset").addEventListener("click", () => {
    state.filters = { event_type: "", actor: "", country: "", since: "", until: "", min_confidence: 0, status: "current" };
    syncFilterInputs();
    refresh();
  });
  api("/api/actors", { limit: 200 }).then((body) => {
    for (const a of body.items) $("actor-names").append(el("option", { value: a.name }));
  }).catch(() => {});
}

function syncFilterInputs() {
  const f = state.filters;
  $("f-type").value = f.event_type; $("f-actor").value = f.actor; $("f-country").value = f.country;
  $("f-since").value = f.since; $("f-until").value = f.until; $("f-status").value = f.status;
  $("f-conf").value = f.min_confidence; $("f-conf-out").textContent = f.min_confidence;
}

function updateExports() {
  const p = new URLSearchParams(filterParams());
  for (const [id, fmt] of [["x-csv", "acled-csv"], ["x-geojson", "geojson"], ["x-graphml", "graphml"]]) {
    p.set("format", fmt);
    $(id).setAttribute("href", "/api/export?" + p.toString());
  }
}

// ------------------------------------------------------------------ map
let map, cluster;

function initMap() {
  map = L.map("map", { worldCopyJump: true, minZoom: 2, maxZoom: 12, zoomSnap: 0.5 });
  map.attributionControl.setPrefix(false);
  map.attributionControl.addAttribution("Base map: Natural Earth (public domain)");
  map.setView([33, 38], 4);
  const canvas = L.canvas({ padding: 0.5 });
  Promise.all([fetch("/static/basemap/countries.geojson").then((r) => r.json()),
               fetch("/static/basemap/admin1.geojson").then((r) => r.json())]).then(([countries, admin1]) => {
    L.geoJSON(countries, { renderer: canvas, interactive: false,
      style: { color: "#8d99ae", weight: 0.8, fillColor: "#f4f1ea", fillOpacity: 1 } }).addTo(map).bringToBack();
    L.geoJSON(admin1, { renderer: canvas, interactive: false,
      style: { color: "#b3bac6", weight: 0.6, dashArray: "3 3" } }).addTo(map);
    document.body.dataset.basemap = "ready";
  });
  cluster = L.markerClusterGroup({
    maxClusterRadius: 28, disableClusteringAtZoom: 8, spiderfyOnMaxZoom: true, showCoverageOnHover: false,
    iconCreateFunction: (c) => {
      const kids = c.getAllChildMarkers();
      const counts = {};
      for (const m of kids) counts[m.options.eventType] = (counts[m.options.eventType] || 0) + 1;
      const top = Object.entries(counts).sort((a, b) => b[1] - a[1])[0][0];
      const size = 22 + Math.min(22, Math.sqrt(kids.length) * 4);
      const icon = el("div", { class: "cluster-icon" }, String(kids.length));
      icon.style.background = colour(top);
      icon.style.width = icon.style.height = size + "px";
      return L.divIcon({ html: icon, className: "event-cluster", iconSize: [size, size] });
    },
  });
  map.addLayer(cluster);
  const legend = $("legend");
  for (const [t, c] of [...Object.entries(TYPE_COLOURS), ["Other (PLOVER only)", OTHER_COLOUR]]) {
    const sw = el("span", { class: "swatch" }); sw.style.background = c;
    legend.append(el("div", { class: "legend-item" }, sw, t));
  }
  legend.append(el("div", { class: "muted" }, "size: fatalities"));
}

function drawEvents() {
  cluster.clearLayers();
  const markers = [];
  for (const f of state.features) {
    if (!f.geometry) continue;
    const p = f.properties, t = typeOf(p);
    const [lon, lat] = f.geometry.coordinates;
    const m = L.circleMarker([lat, lon], {
      radius: 6 + 3 * Math.sqrt(p.fatalities || 0), color: "#fff", weight: 1.2, fillColor: colour(t), fillOpacity: 0.85,
      className: "ev-marker ev-" + p.sitrep_event_id, eventType: t, eventId: p.sitrep_event_id,
    });
    m.bindTooltip(el("div", {}, el("strong", {}, p.sub_event_type || p.plover_type || "event"), el("br"),
      `${p.event_date || "?"} · ${p.location || "?"}`, el("br"), `${p.fatalities || 0} killed`));
    m.on("click", () => { location.hash = "#/event/" + p.sitrep_event_id; });
    markers.push(m);
  }
  cluster.addLayers(markers);
  document.body.dataset.markers = String(markers.length);
}

function fitEvents() {
  const pts = state.features.filter((f) => f.geometry).map((f) => [f.geometry.coordinates[1], f.geometry.coordinates[0]]);
  if (pts.length) map.fitBounds(L.latLngBounds(pts).pad(0.3), { maxZoom: 7, animate: false });
}

function drawList() {
  const list = $("event-list");
  list.replaceChildren();
  for (const f of state.features.slice(0, 300)) {
    const p = f.properties;
    const sw = el("span", { class: "swatch" }); sw.style.background = colour(typeOf(p));
    list.append(el("li", { "data-event": p.sitrep_event_id, onclick: () => { location.hash = "#/event/" + p.sitrep_event_id; } },
      sw, `${p.event_date || "????-??-??"} ${p.sub_event_type || p.plover_type || "event"} — ${p.location || "?"}`));
  }
}

async function loadEvents() {
  const params = Object.assign(filterParams(), { format: "geojson", limit: Math.min(1000, MAX_EVENTS) });
  let features = [];
  let cursor = null;
  do {
    const body = await api("/api/events", cursor ? Object.assign({}, params, { cursor }) : params);
    features.push(...body.features);
    cursor = body.next_cursor;
  } while (cursor && features.length < MAX_EVENTS);
  const more = cursor !== null || features.length > MAX_EVENTS;
  features = features.slice(0, MAX_EVENTS);
  state.features = features;
  const note = $("map-note");
  if (more) {
    // Say how many the map leaves out, and how to reach them.
    const { count } = await api("/api/events/count", filterParams());
    const n = count.toLocaleString("en");
    $("event-count").textContent = `(${features.length.toLocaleString("en")} of ${n})`;
    note.textContent = `The map shows the newest ${features.length.toLocaleString("en")} of ${n} events: ` +
      "narrow the filters or brush the timeline to see the others.";
    note.hidden = false;
    setStatus(`${n} events; the newest ${features.length.toLocaleString("en")} on the map`);
  } else {
    $("event-count").textContent = `(${features.length})`;
    note.hidden = true;
    setStatus(`${features.length} event${features.length === 1 ? "" : "s"}`);
  }
}

// ------------------------------------------------------------------ timeline
const SVG = "http://www.w3.org/2000/svg";
function svg(tag, attrs) {
  const n = document.createElementNS(SVG, tag);
  for (const [k, v] of Object.entries(attrs || {})) n.setAttribute(k, String(v));
  return n;
}
const dayMs = 86400000;
const toDay = (s) => Date.parse(s + "T00:00:00Z");
const fromDay = (ms) => new Date(ms).toISOString().slice(0, 10);

async function loadTimeline() {
  // The whole period of the other filters; the chosen range shows as the brush.
  state.timeline = await api("/api/timeline", filterParams({ noDates: true }));
  drawTimeline();
}

function drawTimeline() {
  const box = $("timeline");
  box.replaceChildren();
  const t = state.timeline;
  const width = box.clientWidth || 600, height = 120, pad = { l: 28, r: 8, t: 6, b: 18 };
  if (!t || !t.days.length) { const n = svg("text", { x: pad.l, y: 40 }); n.textContent = "no dated events"; box.append(n); return; }
  let first = toDay(t.days[0].date), last = toDay(t.days[t.days.length - 1].date);
  if (last - first < 6 * dayMs) { first -= 3 * dayMs; last += 3 * dayMs; }
  const n = Math.round((last - first) / dayMs) + 1;
  const x = (ms) => pad.l + ((ms - first) / dayMs) * ((width - pad.l - pad.r) / n);
  const bw = Math.max(1, (width - pad.l - pad.r) / n - 1);
  const max = Math.max(...t.days.map((d) => d.total));
  const y = (v) => (height - pad.b) - (v / max) * (height - pad.b - pad.t);
  for (const d of t.days) {
    let acc = 0;
    for (const [type, k] of Object.entries(d.counts)) {
      const r = svg("rect", { x: x(toDay(d.date)), y: y(acc + k), width: bw, height: y(acc) - y(acc + k), fill: colour(type), class: "bar" });
      const title = svg("title"); title.textContent = `${d.date}: ${k} ${type}`; r.append(title);
      box.append(r);
      acc += k;
    }
  }
  const axis = (ms, anchor) => { const lab = svg("text", { x: x(ms), y: height - 4, "text-anchor": anchor }); lab.textContent = fromDay(ms); box.append(lab); };
  axis(first, "start"); axis(last, "end");
  const top = svg("text", { x: 2, y: pad.t + 8 }); top.textContent = String(max); box.append(top);
  const brush = svg("rect", { class: "brush", y: pad.t, height: height - pad.b - pad.t, x: 0, width: 0, visibility: "hidden" });
  box.append(brush);
  const f = state.filters;
  if (f.since || f.until) {
    const a = f.since ? toDay(f.since) : first, b = (f.until ? toDay(f.until) : last) + dayMs;
    brush.setAttribute("x", x(a)); brush.setAttribute("width", Math.max(2, x(b) - x(a)));
    brush.setAttribute("visibility", "visible");
    $("timeline-range").textContent = `${f.since || "…"} – ${f.until || "…"}`;
    $("timeline-clear").hidden = false;
  } else {
    $("timeline-range").textContent = "(drag to choose dates)";
    $("timeline-clear").hidden = true;
  }
  const dayAt = (px) => first + Math.floor((px - pad.l) / ((width - pad.l - pad.r) / n)) * dayMs;
  const local = (evt) => evt.clientX - box.getBoundingClientRect().left;
  box.onmousedown = (evt) => {
    const x0 = local(evt);
    const move = (e) => {
      const x1 = local(e);
      brush.setAttribute("x", Math.min(x0, x1)); brush.setAttribute("width", Math.abs(x1 - x0));
      brush.setAttribute("visibility", "visible");
    };
    const up = (e) => {
      window.removeEventListener("mousemove", move); window.removeEventListener("mouseup", up);
      const x1 = local(e);
      if (Math.abs(x1 - x0) < 3) return;
      const a = Math.max(first, dayAt(Math.min(x0, x1))), b = Math.min(last, dayAt(Math.max(x0, x1)));
      state.filters.since = fromDay(a); state.filters.until = fromDay(b);
      syncFilterInputs();
      refresh();
    };
    window.addEventListener("mousemove", move); window.addEventListener("mouseup", up);
  };
}

// ------------------------------------------------------------------ panels
function openPanel(...children) {
  $("panel-body").replaceChildren(...children.flat().filter((c) => c !== null && c !== undefined && c !== false));
  $("panel").hidden = false;
  $("panel").scrollTop = 0;
  relayout();
}
function closePanel() {
  $("panel").hidden = true;
  relayout();
}
// The map and the timeline take the width the panel leaves.
function relayout() {
  setTimeout(() => { if (map) map.invalidateSize(); if (state.view === "map") drawTimeline(); }, 0);
}
const actorLink = (id, name) => (id ? el("a", { href: "#/actor/" + encodeURIComponent(id), class: "actor-link" }, name || id) : name || "—");
const reasonOf = (text) => (text ? el("span", { class: "reason" }, "why: " + text) : null);
const articleHref = (id, event, field) => "#/article/" + encodeURIComponent(id) +
  (event ? "?event=" + encodeURIComponent(event) + (field ? "&field=" + encodeURIComponent(field) : "") : "");

const FIELD_NAMES = { event: "sentences", trigger: "trigger", actor1: "actor 1", actor2: "actor 2", assoc_actor_1: "with actor 1",
  assoc_actor_2: "with actor 2", location: "place", date: "date", fatalities: "fatalities", attribution: "source", size: "size" };

async function showEvent(key) {
  document.querySelectorAll("#event-list li").forEach((li) => li.classList.toggle("selected", li.dataset.event === String(key)));
  let e;
  try { e = await api("/api/events/" + encodeURIComponent(key)); } catch (err) { openPanel(el("p", {}, String(err.message))); return; }
  const first = e.reports[0] || { reasons: {} };
  const range = e.fatalities_low !== null && e.fatalities_high !== null && e.fatalities_low !== e.fatalities_high
    ? ` (low ${e.fatalities_low}, high ${e.fatalities_high})` : "";
  const dates = e.date_end && e.date_end !== e.event_date ? `${e.event_date} – ${e.date_end}` : e.event_date || "unknown";
  const body = [
    el("h2", { id: "event-title" }, e.sub_event_type || e.plover_type || "Event"),
    el("div", {}, el("span", { class: "tag" }, e.event_type || e.plover_type || "other"), el("span", { class: "tag" }, e.status),
      el("span", { class: "tag" }, e.event_id_cnty || "#" + e.id)),
    el("dl", { class: "event-fields" },
      el("dt", {}, "Date"), el("dd", { "data-field": "date" }, dates, ` · precision: ${TIME_PRECISION[e.time_precision] || "unknown"}`,
        reasonOf(first.reasons.date)),
      el("dt", {}, "Place"), el("dd", { "data-field": "location" }, [e.location, e.admin1, e.country].filter(Boolean).join(", ") || "unknown",
        ` · precision ${e.geo_precision || "?"}: ${GEO_PRECISION[e.geo_precision] || "unknown"}`, reasonOf(first.reasons.location)),
      el("dt", {}, "Actor 1"), el("dd", { "data-field": "actor1" }, actorLink(e.actor1_id, e.actor1)),
      el("dt", {}, "Actor 2"), el("dd", { "data-field": "actor2" }, actorLink(e.actor2_id, e.actor2)),
      e.assoc_actor_1_ids.length ? [el("dt", {}, "With actor 1"), el("dd", {}, e.assoc_actor_1_ids.map((id) => [actorLink(id), " "]))] : null,
      e.assoc_actor_2_ids.length ? [el("dt", {}, "With actor 2"), el("dd", {}, e.assoc_actor_2_ids.map((id) => [actorLink(id), " "]))] : null,
      el("dt", {}, "Fatalities"), el("dd", { "data-field": "fatalities" }, e.fatalities === null ? "not reported" : `${e.fatalities}${range}`,
        reasonOf(e.fatalities_reason)),
      el("dt", {}, "Confidence"), el("dd", {}, e.confidence === null ? "—" : e.confidence.toFixed(2), reasonOf(first.reasons.event)),
      el("dt", {}, "Sources"), el("dd", {}, `${e.n_sources} independent (${e.n_reports} reports): ${e.sources || ""}`),
    ),
    e.notes ? el("p", { class: "muted" }, e.notes) : null,
    el("h3", {}, "Source reports"),
  ];
  for (const r of e.reports) {
    const fields = el("div", { class: "fields" });
    for (const name of Object.keys(FIELD_NAMES)) {
      if (!r.fields[name]) continue;
      fields.append(el("button", { type: "button", "data-field": name, "data-article": r.article.id,
        onclick: () => { location.hash = articleHref(r.article.id, r.document_event_id, name); } }, FIELD_NAMES[name]));
    }
    body.push(el("div", { class: "report" },
      el("div", {}, el("strong", {}, r.article.source || "unknown outlet"), ` · ${r.article.published || "undated"}`,
        r.duplicate ? el("span", { class: "tag" }, "near-duplicate") : null),
      r.article.title ? el("div", {}, r.article.title) : null,
      el("div", {}, r.summary),
      el("div", { class: "muted" }, `certainty: ${r.certainty}; confidence ${r.confidence.toFixed(2)}`,
        r.attribution.text ? `; according to ${r.attribution.text}` : ""),
      r.fatalities !== null ? el("div", { class: "muted" }, `this report: ${r.fatalities} killed`) : null,
      el("div", { class: "merge" }, "merged: " + r.merge_reason),
      el("div", {}, el("a", { href: articleHref(r.article.id, r.document_event_id, "event"), class: "open-article" }, "Open the article"),
        " · show the words behind:"),
      fields));
  }
  openPanel(...body);
}

async function showArticle(id, eventId, field) {
  let a;
  try { a = await api("/api/articles/" + id.split("/").map(encodeURIComponent).join("/")); } catch (err) { openPanel(el("p", {}, String(err.message))); return; }
  const text = a.article.text;
  const url = safeUrl(a.article.url);
  // Elementary segments between every span boundary, so overlapping spans stay exact.
  const cuts = new Set([0, text.length]);
  for (const s of a.spans) { cuts.add(s.start); cuts.add(s.end); }
  const bounds = [...cuts].sort((x, y) => x - y);
  const box = el("div", { class: "article-text", id: "article-text" });
  const segments = [];
  for (let i = 0; i + 1 < bounds.length; i++) {
    const start = bounds[i], end = bounds[i + 1];
    const covering = a.spans.filter((s) => s.start <= start && end <= s.end);
    const classes = new Set(covering.map((s) => (s.kind === "event" && s.field === "event" ? "evidence" : s.kind)));
    const seg = el("span", { class: [...classes].filter((c) => ["actor", "place", "evidence"].includes(c)).join(" ") || null,
      "data-start": start, "data-end": end }, text.slice(start, end));
    const names = covering.filter((s) => s.name).map((s) => `${s.kind}: ${s.name}`);
    if (names.length) seg.setAttribute("title", [...new Set(names)].join("; "));
    segments.push(seg);
    box.append(seg);
  }
  const highlight = (ev, name) => {
    const chosen = a.spans.filter((s) => s.kind === "event" && s.event === ev && s.field === name);
    let firstHit = null;
    for (const seg of segments) {
      const st = Number(seg.dataset.start), en = Number(seg.dataset.end);
      const on = chosen.some((s) => s.start <= st && en <= s.end);
      seg.classList.toggle("hl", on);
      if (on && !firstHit) firstHit = seg;
    }
    document.querySelectorAll("#article-events button").forEach((b) =>
      b.classList.toggle("active", b.dataset.event === ev && b.dataset.field === name));
    if (firstHit) firstHit.scrollIntoView({ block: "center" });
    return chosen.length;
  };
  const events = el("div", { id: "article-events" });
  for (const ev of a.events) {
    const fields = el("div", { class: "fields" });
    const present = new Set(a.spans.filter((s) => s.kind === "event" && s.event === ev.id).map((s) => s.field));
    for (const name of Object.keys(FIELD_NAMES)) {
      if (!present.has(name)) continue;
      fields.append(el("button", { type: "button", "data-event": ev.id, "data-field": name,
        onclick: () => { history.replaceState(null, "", articleHref(id, ev.id, name)); highlight(ev.id, name); } }, FIELD_NAMES[name]));
    }
    events.append(el("div", { class: "report" },
      el("div", {}, el("strong", {}, ev.sub_event_type || ev.event_type || "event"), ` (${ev.id}, ${ev.status}) `,
        ev.merged_event ? el("a", { href: "#/event/" + ev.merged_event.id }, "merged event " + (ev.merged_event.event_id_cnty || ev.merged_event.id)) : null),
      el("div", { class: "muted" }, ev.summary), fields));
  }
  openPanel(
    el("h2", { id: "article-title" }, a.article.title || "(no title)"),
    el("div", { class: "muted" }, `${a.article.source || "unknown outlet"} · ${a.article.published || "undated"} · id `,
      el("code", {}, a.article.id)),
    url ? el("div", {}, el("a", { href: url, rel: "noopener noreferrer nofollow", target: "_blank", id: "article-url" }, url))
      : (a.article.url ? el("div", { class: "muted" }, "url: ", el("code", {}, a.article.url)) : null),
    a.warnings.length ? el("div", { class: "muted" }, "warnings: " + a.warnings.join("; ")) : null,
    el("h3", {}, "Events in this article"), events,
    el("h3", {}, "Text"), el("div", { class: "muted" }, "underlined: actors (blue), places (green); shaded: event sentences"),
    box,
  );
  if (eventId && field) highlight(eventId, field);
}

async function showActor(id) {
  let a;
  try { a = await api("/api/actors/" + encodeURIComponent(id)); } catch (err) { openPanel(el("p", {}, String(err.message))); return; }
  const rels = a.relations.map((r) => el("li", {}, actorLink(r.subject, r.subject_name), ` ${r.predicate.replaceAll("_", " ")} `,
    actorLink(r.object, r.object_name), el("span", { class: "muted" }, ` — ${r.status}; first seen ${r.first_seen || "?"}, last seen ${r.last_seen || "?"}; ${r.n_reports} report(s)`)));
  const events = a.events.map((e) => el("li", {}, el("a", { href: "#/event/" + e.id }, `${e.event_date || "?"} ${e.sub_event_type || e.plover_type || "event"} — ${e.location || "?"}`)));
  openPanel(
    el("h2", { id: "actor-name" }, a.name),
    el("div", {}, el("span", { class: "tag" }, a.kind), a.country ? el("span", { class: "tag" }, a.country) : null,
      a.inter ? el("span", { class: "tag" }, "inter " + a.inter) : null, el("span", { class: "tag" }, a.id)),
    el("p", { class: "muted" }, `in ${a.n_articles} article(s); first seen ${a.first_seen || "?"}, last seen ${a.last_seen || "?"}`),
    el("h3", {}, "Named in the articles as"), el("div", {}, a.aliases.map((x) => el("span", { class: "tag" }, `${x.text} (${x.n_articles})`))),
    el("h3", {}, "Backed by"), a.sponsors.length ? el("ul", {}, a.sponsors.map((s) => el("li", {}, actorLink(s.id, s.name),
      el("span", { class: "muted" }, ` — ${s.status}; ${s.first_seen || "?"} to ${s.last_seen || "?"}`)))) : el("p", { class: "muted" }, "no sponsor reported"),
    el("h3", {}, "Relations"), rels.length ? el("ul", {}, rels) : el("p", { class: "muted" }, "none"),
    el("p", {}, el("a", { href: "#/graph?actor=" + encodeURIComponent(a.id) }, "Show in the actor graph")),
    el("h3", {}, `Events (${a.events.length})`), el("ul", {}, events),
  );
}

// ------------------------------------------------------------------ actor graph
let graph;
const KIND_COLOURS = { state: "#1f4e8c", government: "#1f4e8c", official: "#1f4e8c", state_forces: "#3a7bd5",
  external_forces: "#17becf", rebel_group: "#d62728", political_militia: "#ff7f0e", identity_militia: "#e377c2",
  political_party: "#bcbd22", international_org: "#2ca02c", ngo: "#2ca02c", media: "#8c564b", person: "#9467bd",
  civilians: "#9a9a9a", protesters: "#9a9a9a", rioters: "#9a9a9a" };

async function showGraph(actor) {
  const params = filterParams();
  if (actor) params.actor = actor;
  const g = await api("/api/graph", params);
  const elements = [
    ...g.nodes.map((n) => ({ data: { id: n.id, label: n.name, kind: n.kind || "", size: 18 + Math.min(30, 4 * Math.sqrt(n.n_articles)) } })),
    ...g.edges.map((e) => ({ data: { id: e.id, source: e.source, target: e.target, predicate: e.predicate, kind: e.kind,
      label: `${e.predicate.replaceAll("_", " ")}${e.first_seen ? ` ${e.first_seen}${e.last_seen && e.last_seen !== e.first_seen ? "…" + e.last_seen : ""}` : ""}`,
      status: e.status || "" } })),
  ];
  if (graph) graph.destroy();
  graph = cytoscape({
    container: $("graph"), elements,
    style: [
      { selector: "node", style: { label: "data(label)", "font-size": 10, width: "data(size)", height: "data(size)",
        "background-color": (n) => KIND_COLOURS[n.data("kind")] || "#8c96a8", "text-valign": "bottom", "text-margin-y": 3,
        "text-wrap": "wrap", "text-max-width": 120 } },
      { selector: "edge", style: { width: 1.6, "curve-style": "bezier", "target-arrow-shape": "triangle", "arrow-scale": 0.8,
        "line-color": (e) => PREDICATE_COLOURS[e.data("predicate")] || "#999", "target-arrow-color": (e) => PREDICATE_COLOURS[e.data("predicate")] || "#999",
        label: "data(label)", "font-size": 8, color: "#555", "text-rotation": "autorotate", "text-background-color": "#fff", "text-background-opacity": 0.8 } },
      { selector: "edge[kind = 'event']", style: { "line-style": "dashed", "target-arrow-shape": "none" } },
      { selector: "edge[status = 'historical']", style: { "line-style": "dotted", opacity: 0.6 } },
    ],
    layout: { name: "cose", animate: false, nodeRepulsion: () => 60000, idealEdgeLength: () => 80, nodeOverlap: 40,
      componentSpacing: 50, padding: 30, numIter: 2500, nodeDimensionsIncludeLabels: true },
  });
  graph.on("tap", "node", (evt) => { location.hash = "#/actor/" + encodeURIComponent(evt.target.id()); });
  document.body.dataset.graphNodes = String(g.nodes.length);
  const legend = $("graph-legend");
  legend.replaceChildren(el("strong", {}, `${g.nodes.length} actors, ${g.edges.length} edges`),
    ...Object.entries(PREDICATE_COLOURS).map(([p, c]) => { const sw = el("span", { class: "swatch" }); sw.style.background = c; return el("div", { class: "legend-item" }, sw, p.replaceAll("_", " ")); }),
    el("div", { class: "muted" }, "dashed: fought in events; dotted: historical"),
    el("div", { class: "muted" }, "node colour: kind of actor; size: articles"));
}

// ------------------------------------------------------------------ routing
async function refresh() {
  updateExports();
  try {
    await Promise.all([loadEvents(), loadTimeline()]);
    drawEvents();
    drawList();
    if (state.view === "graph") await showGraph(new URLSearchParams(location.hash.split("?")[1] || "").get("actor"));
  } catch (err) {
    setStatus("error: " + err.message);
  }
  document.body.dataset.loaded = String(Date.now());
}

function setView(view) {
  state.view = view;
  $("view-map").hidden = view !== "map";
  $("view-graph").hidden = view !== "graph";
  $("nav-map").classList.toggle("active", view === "map");
  $("nav-graph").classList.toggle("active", view === "graph");
  if (view === "map" && map) setTimeout(() => { map.invalidateSize(); drawTimeline(); }, 0);
}

async function route() {
  const [path, query] = location.hash.replace(/^#/, "").split("?");
  const q = new URLSearchParams(query || "");
  const parts = (path || "/").split("/").filter(Boolean);
  const rest = parts.slice(1).join("/");
  if (parts[0] === "graph") {
    setView("graph");
    closePanel();
    await showGraph(q.get("actor"));
  } else {
    if (parts[0] !== "actor" || state.view !== "graph") setView("map");
    if (parts[0] === "event") await showEvent(decodeURIComponent(rest));
    else if (parts[0] === "article") await showArticle(decodeURIComponent(rest), q.get("event"), q.get("field"));
    else if (parts[0] === "actor") await showActor(decodeURIComponent(rest));
    else closePanel();
  }
  document.body.dataset.route = location.hash || "#/";
}

async function main() {
  state.meta = await api("/api/meta");
  buildFilters();
  initMap();
  $("panel-close").addEventListener("click", () => { location.hash = state.view === "graph" ? "#/graph" : "#/"; });
  $("timeline-clear").addEventListener("click", () => { state.filters.since = ""; state.filters.until = ""; syncFilterInputs(); refresh(); });
  window.addEventListener("resize", () => drawTimeline());
  window.addEventListener("hashchange", route);
  await refresh();
  fitEvents();
  await route();
  document.body.dataset.ready = "1";
}

// For the browser tests and the console: the map, and which events the map shows now
// (drawn, or inside a cluster that is drawn).
window.sitrep = {
  get map() { return map; },
  shownEvents() {
    const out = [];
    cluster.eachLayer((m) => {
      // getVisibleParent knows icons only; a circle marker on its own is a path on the map.
      if (map.hasLayer(m) || cluster.getVisibleParent(m)) out.push(m.options.eventId);
    });
    return out;
  },
};

main().catch((err) => setStatus("error: " + err.message));
