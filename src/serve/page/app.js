// reachmap's local page: a view over the scenario (TOML) that the server holds no copy of.
// Every change goes through POST /api/edit (the scenario text and the model of what the page
// edits), then the map, the sites' positions and the reach summary are fetched for it.
"use strict";

const MAP_WIDTH_PX = 1400;
const state = { scenario: "", name: "scenario.toml", model: null, catalog: null, generation: 0, view: null, dragEnded: 0 };
const $ = (id) => document.getElementById(id);

async function api(path, body, type) {
  const response = await fetch(path, {
    method: body === undefined ? "GET" : "POST",
    headers: body === undefined ? {} : { "Content-Type": type || "application/toml" },
    body,
  });
  if (!response.ok) {
    let message = response.status + " " + response.statusText;
    try { message = (await response.json()).error || message; } catch (_) { /* not JSON */ }
    throw new Error(message);
  }
  return response;
}

function nameParam() { return "name=" + encodeURIComponent(state.name); }

function status(text) { $("status").textContent = text; }

function showError(message) {
  const box = $("error");
  box.hidden = !message;
  box.textContent = message || "";
}

async function edit(set) {
  const response = await api("/api/edit", JSON.stringify({ scenario: state.scenario, set }), "application/json");
  const answer = await response.json();
  state.scenario = answer.scenario;
  state.model = answer.model;
  drawControls();
  await refresh();
}

// The map, the sites' page positions and the reach summary for the current scenario. A
// newer refresh makes an older one's answers stale: they are dropped.
async function refresh() {
  const generation = ++state.generation;
  status("drawing…");
  const body = state.scenario;
  try {
    const [svg, frame, reach, capitals] = await Promise.all([
      api(`/api/map?format=svg&width_px=${MAP_WIDTH_PX}&${nameParam()}`, body).then((r) => r.text()),
      api(`/api/frame?width_px=${MAP_WIDTH_PX}&${nameParam()}`, body).then((r) => r.json()),
      api(`/api/reach?limit=0&${nameParam()}`, body).then((r) => r.json()),
      api(`/api/reach?places=capitals&land=false&limit=5&${nameParam()}`, body).then((r) => r.json()),
    ]);
    if (generation !== state.generation) return;
    showError("");
    drawMap(svg, frame);
    drawReach(reach, capitals);
    status("");
  } catch (error) {
    if (generation !== state.generation) return;
    showError(error.message);
    status("");
  }
}

function drawMap(svgText, frame) {
  const box = /viewBox="0 0 ([\d.]+) ([\d.]+)"/.exec(svgText);
  const [w, h] = box ? [Number(box[1]), Number(box[2])] : [MAP_WIDTH_PX, MAP_WIDTH_PX];
  const img = $("map");
  const old = img.src;
  img.src = URL.createObjectURL(new Blob([svgText], { type: "image/svg+xml" }));
  if (old.startsWith("blob:")) URL.revokeObjectURL(old);
  img.dataset.generation = String(state.generation);
  const title = /<title>([^<]*)<\/title>/.exec(svgText);
  img.dataset.title = title ? title[1] : "";
  const handles = $("handles");
  handles.setAttribute("viewBox", `0 0 ${w} ${h}`);
  state.view = { width: w, height: h, frame };
  handles.replaceChildren();
  frame.sites.forEach((site, index) => {
    if (site.x === null || site.y === null) return;
    const handle = document.createElementNS("http://www.w3.org/2000/svg", "circle");
    handle.setAttribute("class", "handle");
    handle.setAttribute("cx", site.x);
    handle.setAttribute("cy", site.y);
    handle.setAttribute("r", 14);
    handle.dataset.index = String(index);
    const title = document.createElementNS("http://www.w3.org/2000/svg", "title");
    title.textContent = `${site.name}: drag to move`;
    handle.append(title);
    handles.append(handle);
  });
}

// Page pixels of a pointer event, in the figure's own coordinates.
function pagePoint(event) {
  const svg = $("handles");
  const point = svg.createSVGPoint();
  point.x = event.clientX;
  point.y = event.clientY;
  return point.matrixTransform(svg.getScreenCTM().inverse());
}

async function locate(point) {
  const query = `/api/frame?width_px=${MAP_WIDTH_PX}&x=${point.x.toFixed(2)}&y=${point.y.toFixed(2)}&${nameParam()}`;
  const answer = await (await api(query, state.scenario)).json();
  return answer.point;
}

const position = (p) => `${p.lat.toFixed(4)}, ${p.lon.toFixed(4)}`;

function sitesWith(change) {
  const sites = state.model.sites.map((s) => ({ name: s.name, at: s.at, systems: [...s.systems] }));
  change(sites);
  return sites;
}

async function addSite(event) {
  // The click that ends a drag is not a new site.
  if (!state.view || event.target.classList.contains("handle") || Date.now() - state.dragEnded < 400) return;
  try {
    const point = await locate(pagePoint(event));
    if (!point) { showError("That point is outside the map."); return; }
    const names = new Set(state.model.sites.map((s) => s.name));
    let n = state.model.sites.length + 1;
    while (names.has(`Site ${n}`)) n += 1;
    const system = $("new-system").value;
    await edit({ sites: sitesWith((s) => s.push({ name: `Site ${n}`, at: position(point), systems: system ? [system] : [] })) });
  } catch (error) {
    showError(error.message);
  }
}

// Dragging: the marker follows the pointer at once, its position is read out as it moves, and
// the exact map is drawn when it is let go.
function startDrag(event) {
  const handle = event.target;
  if (!handle.classList.contains("handle")) return;
  event.preventDefault();
  event.stopPropagation();
  const index = Number(handle.dataset.index);
  const svg = $("handles");
  svg.setPointerCapture(event.pointerId);
  handle.classList.add("dragging");
  const readout = document.createElementNS("http://www.w3.org/2000/svg", "text");
  readout.setAttribute("class", "readout");
  svg.append(readout);
  let last = pagePoint(event);
  let asking = false;
  const move = (e) => {
    last = pagePoint(e);
    handle.setAttribute("cx", last.x);
    handle.setAttribute("cy", last.y);
    readout.setAttribute("x", last.x + 18);
    readout.setAttribute("y", last.y - 18);
    if (asking) return;
    asking = true;
    locate(last).then((p) => { readout.textContent = p ? position(p) : "outside the map"; })
      .catch(() => {}).finally(() => { asking = false; });
  };
  const end = async () => {
    state.dragEnded = Date.now();
    svg.removeEventListener("pointermove", move);
    svg.removeEventListener("pointerup", end);
    svg.removeEventListener("pointercancel", end);
    try {
      const point = await locate(last);
      if (!point) { showError("A site cannot be moved outside the map."); await refresh(); return; }
      await edit({ sites: sitesWith((s) => { s[index].at = position(point); }) });
    } catch (error) {
      showError(error.message);
    }
  };
  svg.addEventListener("pointermove", move);
  svg.addEventListener("pointerup", end);
  svg.addEventListener("pointercancel", end);
}

function drawControls() {
  const model = state.model;
  $("title").value = model.title || "";
  $("preset").value = model.preset;
  $("theme").value = model.theme;
  $("inf").checked = model.inf;
  const list = $("sites");
  list.replaceChildren();
  model.sites.forEach((site, index) => {
    const item = document.createElement("li");
    const name = input(site.name, "Name", (value) => edit({ sites: sitesWith((s) => { s[index].name = value; }) }));
    const at = input(site.at, "Position: lat, lon in any accepted form", (value) =>
      edit({ sites: sitesWith((s) => { s[index].at = value; }) }));
    const remove = document.createElement("button");
    remove.type = "button";
    remove.className = "remove";
    remove.textContent = "Remove";
    remove.addEventListener("click", () => edit({ sites: sitesWith((s) => s.splice(index, 1)) }).catch((e) => showError(e.message)));
    const row = document.createElement("div");
    row.className = "row";
    row.append(name, remove);
    const systems = document.createElement("div");
    systems.className = "systems";
    for (const system of state.catalog.systems) {
      const label = document.createElement("label");
      const box = document.createElement("input");
      box.type = "checkbox";
      box.value = system.id;
      box.checked = site.systems.includes(system.id);
      box.addEventListener("change", () => edit({
        sites: sitesWith((s) => {
          s[index].systems = box.checked ? [...s[index].systems, system.id] : s[index].systems.filter((id) => id !== system.id);
        }),
      }).catch((e) => showError(e.message)));
      label.title = system.sources;
      label.append(box, `${system.label}`);
      systems.append(label);
    }
    // The sources of every figure drawn around this site, in full.
    const sources = document.createElement("ul");
    sources.className = "sources";
    for (const system of state.catalog.systems.filter((x) => site.systems.includes(x.id))) {
      const line = document.createElement("li");
      line.textContent = system.sources;
      sources.append(line);
    }
    item.append(row, at, systems, sources);
    list.append(item);
  });
}

function input(value, label, commit) {
  const field = document.createElement("input");
  field.type = "text";
  field.value = value;
  field.setAttribute("aria-label", label);
  field.title = label;
  field.addEventListener("change", () => commit(field.value.trim()).catch((e) => showError(e.message)));
  return field;
}

const people = (n) => n.toLocaleString("en-GB");

function totalsLine(totals) {
  const countries = Array.isArray(totals.countries) ? totals.countries.length : totals.countries;
  const count = (n, one, many) => `${people(n)} ${n === 1 ? one : many}`;
  return [count(totals.places, "place", "places"), count(totals.capitals, "capital", "capitals"),
    count(totals.population, "person", "people"), count(countries, "country", "countries")].join(", ");
}

function drawReach(reach, capitals) {
  const box = $("reach");
  box.replaceChildren();
  if (!reach.results.length) {
    const note = document.createElement("p");
    note.className = "note";
    note.textContent = "No site carries a range yet: add a site and tick a system, or turn on the INF bands.";
    box.append(note);
    return;
  }
  reach.results.forEach((entry, i) => {
    const article = document.createElement("article");
    const heading = document.createElement("h3");
    heading.textContent = `${entry.site.name} — ${entry.range.label}`;
    const totals = document.createElement("p");
    totals.className = "totals";
    totals.textContent = `Within range: ${totalsLine(entry.totals)}` +
      (entry.land ? `; ${people(entry.land.total_km2)} km² of land` : "");
    article.append(heading, totals);
    if (entry.within_low) {
      const low = document.createElement("p");
      low.className = "note";
      low.textContent = `Under every figure (${people(entry.range.low_km)} km): ${totalsLine(entry.within_low.totals)}`;
      article.append(low);
    }
    const near = capitals.results[i];
    if (near && near.places.length) {
      const h = document.createElement("h4");
      h.textContent = "Nearest capitals within range";
      const table = document.createElement("table");
      for (const p of near.places) {
        const row = table.insertRow();
        const flight = p.flight_min != null ? `${p.flight_min.toFixed(1)} min` : "";
        const low = p.within_low === false ? " (high figure only)" : "";
        for (const [text, number] of [[`${p.name}, ${p.country}${low}`, false], [`${p.distance_km.toFixed(0)} km`, true],
          [p.bearing_deg == null ? "" : `${p.bearing_deg.toFixed(0)}°`, true], [flight, true]]) {
          const cell = row.insertCell();
          cell.textContent = text;
          if (number) cell.className = "n";
        }
      }
      article.append(h, table);
    }
    if (entry.flight) {
      const note = document.createElement("p");
      note.className = "note";
      note.textContent = `Flight times: ${entry.flight.model} (${entry.flight.source}, ${entry.flight.date}).`;
      article.append(note);
    }
    box.append(article);
  });
  if (reach.attribution) {
    const credit = document.createElement("p");
    credit.className = "note";
    credit.textContent = reach.attribution + ".";
    box.append(credit);
  }
}

async function download(kind) {
  const toml = state.scenario;
  let blob;
  let file = state.name;
  const stem = state.name.replace(/\.toml$/i, "");
  if (kind === "toml") {
    blob = new Blob([toml], { type: "application/toml" });
  } else if (kind === "geojson") {
    blob = await (await api(`/api/geojson?${nameParam()}`, toml)).blob();
    file = `${stem}.geojson`;
  } else if (kind === "kml") {
    blob = await (await api(`/api/kml?format=kml&${nameParam()}`, toml)).blob();
    file = `${stem}.kml`;
  } else {
    blob = await (await api(`/api/map?format=${kind}&${nameParam()}`, toml)).blob();
    file = `${stem}.${kind}`;
  }
  const link = document.createElement("a");
  link.href = URL.createObjectURL(blob);
  link.download = file;
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(link.href), 10000);
}

async function start() {
  state.catalog = await (await api("/api/catalog")).json();
  const begin = await (await api("/api/start")).json();
  state.scenario = begin.scenario;
  state.name = begin.name;
  state.model = begin.model;
  const choice = $("new-system");
  for (const system of state.catalog.systems) {
    const option = document.createElement("option");
    option.value = system.id;
    option.textContent = system.label;
    choice.append(option);
  }
  choice.append(new Option("no system", ""));
  $("title").addEventListener("change", (e) => edit({ title: e.target.value }).catch((x) => showError(x.message)));
  $("preset").addEventListener("change", (e) => edit({ preset: e.target.value }).catch((x) => showError(x.message)));
  $("theme").addEventListener("change", (e) => edit({ theme: e.target.value }).catch((x) => showError(x.message)));
  $("inf").addEventListener("change", (e) => edit({ inf: e.target.checked }).catch((x) => showError(x.message)));
  $("handles").addEventListener("pointerdown", startDrag);
  $("handles").addEventListener("click", addSite);
  for (const kind of ["toml", "svg", "png", "pdf", "geojson", "kml"]) {
    $(`dl-${kind}`).addEventListener("click", () => download(kind).catch((e) => showError(e.message)));
  }
  drawControls();
  await refresh();
  document.body.dataset.ready = "true";
}

start().catch((error) => showError(error.message));
