// reachmap's local page: a view over the scenario (TOML) that the server holds no copy of.
// Every change goes through POST /api/edit (the scenario text and the model of what the page
// edits), one at a time, each from the result of the one before; then the map, the sites'
// positions and the reach summary are fetched for it. The scenario lives in the page's address
// (compressed), so a reload or a copied link restores it; undo and redo step through it.
"use strict";

const state = {
  scenario: "", name: "scenario.toml", model: null, catalog: null, generation: 0, view: null, dragEnded: 0,
  chain: Promise.resolve(), undo: [], redo: [], lastSystem: null, open: new Set(), pending: null,
  tool: "site",
};
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

// Runs `task` after every task queued before it, so that each edit starts from the result of
// the one before and none is lost however fast they come. Failures are shown, not thrown on.
function queue(task) {
  const run = state.chain.then(task);
  state.chain = run.catch((error) => showError(error.message));
  return state.chain;
}

// An edit: `change` is the set of changes, or a function of the model current when its turn
// comes that gives them (null: nothing to do).
function edit(change) {
  return queue(async () => {
    const set = typeof change === "function" ? change(state.model) : change;
    if (!set) return;
    const answer = await (await api("/api/edit", JSON.stringify({ scenario: state.scenario, set }), "application/json")).json();
    if (answer.scenario === state.scenario) return;
    state.undo.push({ scenario: state.scenario, model: state.model });
    state.redo = [];
    show(answer);
  });
}

function step(from, to) {
  return queue(async () => {
    const entry = from.pop();
    if (!entry) return;
    to.push({ scenario: state.scenario, model: state.model });
    show(entry);
  });
}
const undo = () => step(state.undo, state.redo);
const redo = () => step(state.redo, state.undo);

function show(entry) {
  state.scenario = entry.scenario;
  state.model = entry.model;
  showError("");
  drawControls();
  remember().catch(() => {});
  refresh();
}

// The scenario in the page's address: #n=NAME&s=BASE64URL(deflate-raw(TOML)).
async function remember() {
  const scenario = state.scenario;
  const bytes = new Uint8Array(await new Response(new Blob([scenario]).stream()
    .pipeThrough(new CompressionStream("deflate-raw"))).arrayBuffer());
  let binary = "";
  for (let i = 0; i < bytes.length; i += 0x8000) binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  const packed = btoa(binary).replace(/\+/g, "-").replace(/\//g, "_").replace(/=+$/, "");
  if (scenario !== state.scenario) return;
  history.replaceState(null, "", `#n=${encodeURIComponent(state.name)}&s=${packed}`);
}

async function fromAddress() {
  const params = new URLSearchParams(location.hash.slice(1));
  const packed = params.get("s");
  if (!packed) return null;
  const binary = atob(packed.replace(/-/g, "+").replace(/_/g, "/"));
  const bytes = Uint8Array.from(binary, (c) => c.charCodeAt(0));
  const text = await new Response(new Blob([bytes]).stream().pipeThrough(new DecompressionStream("deflate-raw"))).text();
  return { scenario: text, name: params.get("n") || "scenario.toml" };
}

// The map, the sites' page positions and the reach summary for the current scenario, at the
// page size the downloads have (the browser scales it). A newer refresh makes an older one's
// answers stale: they are dropped.
async function refresh() {
  const generation = ++state.generation;
  status("drawing…");
  const body = state.scenario;
  try {
    const [svg, frame, reach, capitals] = await Promise.all([
      api(`/api/map?format=svg&${nameParam()}`, body).then((r) => r.text()),
      api(`/api/frame?${nameParam()}`, body).then((r) => r.json()),
      api(`/api/reach?limit=0&${nameParam()}`, body).then((r) => r.json()),
      api(`/api/reach?places=capitals&land=false&grid=false&limit=5&${nameParam()}`, body).then((r) => r.json()),
    ]);
    if (generation !== state.generation) return;
    drawMap(svg, frame);
    drawReach(reach, capitals);
    status("");
  } catch (error) {
    if (generation !== state.generation) return;
    showError(error.message);
    preview(null);
    status("");
  }
}

function drawMap(svgText, frame) {
  const box = /viewBox="0 0 ([\d.]+) ([\d.]+)"/.exec(svgText);
  const [w, h] = box ? [Number(box[1]), Number(box[2])] : [frame.width_px, frame.width_px];
  const img = $("map");
  const old = img.src;
  img.src = URL.createObjectURL(new Blob([svgText], { type: "image/svg+xml" }));
  if (old.startsWith("blob:")) URL.revokeObjectURL(old);
  img.dataset.generation = String(state.generation);
  const title = /<title>([^<]*)<\/title>/.exec(svgText);
  img.dataset.title = title ? title[1] : "";
  // The figure for the extent asked for replaces its preview, unless a gesture goes on.
  img.onload = () => {
    if (!state.settle) preview(null);
    state.drawnAt = performance.now();
  };
  const handles = $("handles");
  handles.setAttribute("viewBox", `0 0 ${w} ${h}`);
  state.view = { width: w, height: h, frame };
  drawExtent(frame);
  // Markers keep their size on screen whatever the page's size.
  const k = w / Math.max(200, $("stage").clientWidth);
  handles.style.setProperty("--k", String(k));
  handles.replaceChildren();
  // A handle on every site's and target's marker: drag to move it.
  const markers = [...frame.sites.map((m, index) => ({ m, index, kind: "site" })),
    ...(frame.targets || []).map((m, index) => ({ m, index, kind: "target" }))];
  for (const { m, index, kind } of markers) {
    if (m.x === null || m.y === null) continue;
    const handle = document.createElementNS("http://www.w3.org/2000/svg", "circle");
    handle.setAttribute("class", `handle ${kind}`);
    handle.setAttribute("cx", m.x);
    handle.setAttribute("cy", m.y);
    handle.setAttribute("r", 10 * k);
    handle.setAttribute("stroke-width", 3 * k);
    handle.dataset.index = String(index);
    handle.dataset.kind = kind;
    const title = document.createElementNS("http://www.w3.org/2000/svg", "title");
    title.textContent = `${m.name}${kind === "target" ? " (target)" : ""}: drag to move`;
    handle.append(title);
    handles.append(handle);
  }
}

function drawExtent(frame) {
  const [x0, y0, x1, y1] = frame.extent;
  for (const [id, v] of [["x0", x0], ["y0", y0], ["x1", x1], ["y1", y1]]) {
    const field = $(id);
    if (document.activeElement !== field) field.value = (v / 1000).toFixed(0);
  }
  $("proj").textContent = `Projection: ${frame.proj}`;
}

// Page pixels of a pointer event, in the figure's own coordinates.
function pagePoint(event) {
  const svg = $("handles");
  const point = svg.createSVGPoint();
  point.x = event.clientX;
  point.y = event.clientY;
  return point.matrixTransform(svg.getScreenCTM().inverse());
}

async function locate(point, near) {
  const query = `/api/frame?x=${point.x.toFixed(2)}&y=${point.y.toFixed(2)}${near ? "&near=true" : ""}&${nameParam()}`;
  const answer = await (await api(query, state.scenario)).json();
  return answer.point;
}

const position = (p) => `${p.lat.toFixed(4)}, ${p.lon.toFixed(4)}`;

function sitesWith(model, change) {
  const sites = model.sites.map((s) => ({ name: s.name, at: s.at, systems: [...s.systems] }));
  change(sites);
  return sites;
}

function targetsWith(model, change) {
  // A target's group goes with it (none given: a changed entry would lose it).
  const targets = model.targets.map((t) => ({ name: t.name, at: t.at, ...(t.group ? { group: t.group } : {}) }));
  change(targets);
  return targets;
}

// `name`, or `name 2`, `name 3`… if a site (or, with `targets`, a target) has it already.
function unusedName(model, name, targets) {
  const names = new Set((targets ? model.targets : model.sites).map((s) => s.name));
  if (!names.has(name)) return name;
  let n = 2;
  while (names.has(`${name} ${n}`)) n += 1;
  return `${name} ${n}`;
}

// A new site at a place: named `name` (or "near" its nearest place), carrying the system
// last chosen.
function addSiteAt(name, at) {
  const system = $("new-system").value;
  return edit((model) => {
    const unique = unusedName(model, name);
    state.open = new Set([unique]);
    return { sites: sitesWith(model, (s) => s.push({ name: unique, at, systems: system ? [system] : [] })) };
  });
}

// A new target at a place, named `name` (made unique among the targets).
function addTargetAt(name, at) {
  return edit((model) => {
    const unique = unusedName(model, name, true);
    return { targets: targetsWith(model, (t) => t.push({ name: unique, at })) };
  });
}

// A click on the map: a new site there, or with the target tool a new target, named after
// the nearest place.
async function addSite(event) {
  // The click that ends a drag or a pan is not a new site.
  if (!state.view || event.target.classList.contains("handle") || Date.now() - state.dragEnded < 400) return;
  try {
    const point = await locate(pagePoint(event), true);
    if (!point) { showError("That point is outside the map."); return; }
    const near = point.near ? `near ${point.near}` : null;
    if (state.tool === "target") await addTargetAt(near || "Target", position(point));
    else await addSiteAt(near || "Site", position(point));
  } catch (error) {
    showError(error.message);
  }
}

function setTool(tool) {
  state.tool = tool;
  const on = tool === "target";
  $("tool-target").setAttribute("aria-pressed", String(on));
  $("stage").classList.toggle("target-tool", on);
  $("tool-hint").textContent = on ? "Target tool: a click adds a target (press the button again for sites)."
    : "Drag the map to pan; a click adds a site.";
}

async function search(event) {
  event.preventDefault();
  const field = $("search");
  const text = field.value.trim();
  if (!text) return;
  try {
    const place = await (await api(`/api/search?q=${encodeURIComponent(text)}`)).json();
    field.value = "";
    if (event.submitter && event.submitter.value === "target") await addTargetAt(place.name, `${place.lat}, ${place.lon}`);
    else await addSiteAt(place.name, `${place.lat}, ${place.lon}`);
  } catch (error) {
    showError(error.message);
  }
}

// Dragging a marker, a site's or a target's: it follows the pointer at once, its position is
// read out as it moves, and the exact map is drawn when it is let go.
function startDrag(event) {
  const handle = event.target;
  event.preventDefault();
  event.stopPropagation();
  const index = Number(handle.dataset.index);
  const kind = handle.dataset.kind;
  const svg = $("handles");
  svg.setPointerCapture(event.pointerId);
  handle.classList.add("dragging");
  const readout = document.createElementNS("http://www.w3.org/2000/svg", "text");
  readout.setAttribute("class", "readout");
  const k = Number(svg.style.getPropertyValue("--k")) || 1;
  readout.setAttribute("font-size", 16 * k);
  svg.append(readout);
  let last = pagePoint(event);
  let asking = false;
  const move = (e) => {
    last = pagePoint(e);
    handle.setAttribute("cx", last.x);
    handle.setAttribute("cy", last.y);
    readout.setAttribute("x", last.x + 14 * k);
    readout.setAttribute("y", last.y - 14 * k);
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
      const point = await locate(last, true);
      if (!point) { showError(`A ${kind} cannot be moved outside the map.`); refresh(); return; }
      await edit((model) => moved(model, kind, index, point));
    } catch (error) {
      showError(error.message);
    }
  };
  svg.addEventListener("pointermove", move);
  svg.addEventListener("pointerup", end);
  svg.addEventListener("pointercancel", end);
}

// The edit that moves site or target `index` to `point`. A name the page gave after the
// nearest place ("near Sanya": a click on the map, with the target tool for a target) follows
// the marker to its new nearest place; any other name (typed, or a place found by the search)
// stays.
function moved(model, kind, index, point) {
  const targets = kind === "target";
  const list = targets ? model.targets : model.sites;
  const change = (entries) => {
    const entry = entries[index];
    if (!entry) return;
    entry.at = position(point);
    if (entry.name.startsWith("near ") && point.near) {
      const others = { [targets ? "targets" : "sites"]: list.filter((_, i) => i !== index) };
      entry.name = unusedName(others, `near ${point.near}`, targets);
    }
  };
  return targets ? { targets: targetsWith(model, change) } : { sites: sitesWith(model, change) };
}

// Zoom and pan: the frame's extent (projected metres) changes; the figure is moved and scaled
// in the browser at once, and the exact map is drawn for the new extent when the gesture rests.
function extentNow() { return state.pending || state.view.frame.extent; }

function zoomAt(point, factor) {
  if (!state.view) return;
  const [x0, y0, x1, y1] = extentNow();
  const { top, width } = state.view.frame.map;
  const scale = width / (x1 - x0);
  const X = x0 + point.x / scale;
  const Y = y1 - (point.y - top) / scale;
  const span = (x1 - x0) * factor;
  if (span < 20000 || span > 45000000) return;
  setExtent([X - (X - x0) * factor, Y - (Y - y0) * factor, X + (x1 - X) * factor, Y + (y1 - Y) * factor]);
}

function panBy(dx, dy) {
  const [x0, y0, x1, y1] = extentNow();
  const scale = state.view.frame.map.width / (x1 - x0);
  setExtent([x0 - dx / scale, y0 + dy / scale, x1 - dx / scale, y1 + dy / scale]);
}

function setExtent(extent) {
  state.pending = extent;
  preview(extent);
  clearTimeout(state.settle);
  state.settle = setTimeout(() => {
    state.settle = null;
    edit({ frame: { proj: state.view.frame.proj, extent } });
  }, 350);
}

// The drawn figure moved and scaled to show `extent` until the map for it arrives.
function preview(extent) {
  const img = $("map");
  if (!extent || !state.view) {
    state.pending = null;
    img.style.transform = "";
    $("handles").style.visibility = "";
    return;
  }
  const [ox0, , ox1, oy1] = state.view.frame.extent;
  const [nx0, , nx1, ny1] = extent;
  const { top, width } = state.view.frame.map;
  const oldScale = width / (ox1 - ox0);
  const newScale = width / (nx1 - nx0);
  const a = newScale / oldScale;
  const shown = img.clientWidth / state.view.width;
  const tx = (ox0 - nx0) * newScale * shown;
  const ty = (top * (1 - a) + (ny1 - oy1) * newScale) * shown;
  img.style.transform = `translate(${tx}px, ${ty}px) scale(${a})`;
  $("handles").style.visibility = "hidden";
}

function wheel(event) {
  if (!state.view) return;
  event.preventDefault();
  zoomAt(pagePoint(event), Math.exp(Math.max(-1, Math.min(1, event.deltaY * 0.002))));
}

// Pointers on the map's background: a drag pans, two pointers pinch to zoom, a press without
// movement is a click (a new site).
const pointers = new Map();
function pointerDown(event) {
  if (event.target.classList.contains("handle")) { startDrag(event); return; }
  if (!state.view) return;
  pointers.set(event.pointerId, { x: event.clientX, y: event.clientY, moved: false });
  $("handles").setPointerCapture(event.pointerId);
}

function pointerMove(event) {
  const was = pointers.get(event.pointerId);
  if (!was) return;
  const shown = state.view.width / $("map").clientWidth;
  if (pointers.size === 2) {
    const [a, b] = [...pointers.values()];
    const before = Math.hypot(a.x - b.x, a.y - b.y);
    const now = { x: event.clientX, y: event.clientY };
    const other = a === was ? b : a;
    const after = Math.hypot(now.x - other.x, now.y - other.y);
    if (before > 0 && after > 0) {
      const mid = pagePoint({ clientX: (now.x + other.x) / 2, clientY: (now.y + other.y) / 2 });
      zoomAt(mid, before / after);
    }
    pointers.set(event.pointerId, { ...now, moved: true });
    return;
  }
  const dx = event.clientX - was.x;
  const dy = event.clientY - was.y;
  if (!was.moved && Math.hypot(dx, dy) < 5) return;
  panBy(dx * shown, dy * shown);
  pointers.set(event.pointerId, { x: event.clientX, y: event.clientY, moved: true });
}

function pointerUp(event) {
  const was = pointers.get(event.pointerId);
  pointers.delete(event.pointerId);
  if (was && was.moved) state.dragEnded = Date.now();
}

function drawControls() {
  const model = state.model;
  $("title").value = model.title || "";
  $("title").dataset.committed = $("title").value;
  const preset = $("preset");
  preset.value = model.preset;
  preset.querySelector("option[value=custom]").disabled = model.preset !== "custom";
  $("theme").value = model.theme;
  $("inf").checked = model.inf;
  $("earth").checked = model.earth === "rotating";
  // KML draws geodesic circles only (as `reachmap render -o F.kml` does): say so while the
  // rotation is on.
  $("dl-kml").title = model.earth === "rotating"
    ? "For Google Earth: the quoted circles only, without the Earth's rotation (the GeoJSON has the rotating regions)"
    : "For Google Earth";
  $("undo").disabled = !state.undo.length;
  $("redo").disabled = !state.redo.length;
  const list = $("sites");
  list.replaceChildren();
  const label = (id) => (state.catalog.systems.find((x) => x.id === id) || { label: id }).label;
  model.sites.forEach((site, index) => {
    const item = document.createElement("li");
    const box = document.createElement("details");
    box.open = state.open.has(site.name);
    box.addEventListener("toggle", () => { if (box.open) state.open.add(site.name); else state.open.delete(site.name); });
    const summary = document.createElement("summary");
    const count = site.systems.length;
    summary.textContent = `${site.name} · ${count ? site.systems.map((id) => label(id).split(" (")[0].split(":")[0]).join(", ") : "no system"}`;
    const name = input(site.name, "Name", (value) => edit((m) => ({ sites: sitesWith(m, (s) => { s[index].name = value; }) })));
    const at = input(site.at, "Position: lat, lon in any accepted form, or a place's name", (value) =>
      edit((m) => ({ sites: sitesWith(m, (s) => { s[index].at = value; }) })));
    const remove = document.createElement("button");
    remove.type = "button";
    remove.className = "remove";
    remove.textContent = "Remove";
    remove.setAttribute("aria-label", `Remove ${site.name}`);
    remove.addEventListener("click", () => edit((m) => ({ sites: sitesWith(m, (s) => s.splice(index, 1)) })));
    const row = document.createElement("div");
    row.className = "row";
    row.append(name, remove);
    // The systems as chips, one picker to add another.
    const systems = document.createElement("div");
    systems.className = "systems";
    for (const id of site.systems) {
      const chip = document.createElement("button");
      chip.type = "button";
      chip.className = "chip";
      chip.textContent = `${label(id)} ×`;
      chip.setAttribute("aria-label", `Remove ${label(id)} from ${site.name}`);
      chip.addEventListener("click", () => edit((m) => ({
        sites: sitesWith(m, (s) => { s[index].systems = s[index].systems.filter((x) => x !== id); }),
      })));
      systems.append(chip);
    }
    const pick = document.createElement("select");
    pick.setAttribute("aria-label", `Add a system to ${site.name}`);
    pick.append(new Option("+ system…", ""));
    for (const system of state.catalog.systems.filter((x) => !site.systems.includes(x.id))) {
      const option = new Option(system.label, system.id);
      option.title = system.sources;
      pick.append(option);
    }
    pick.addEventListener("change", () => {
      const id = pick.value;
      if (!id) return;
      $("new-system").value = id;
      edit((m) => ({ sites: sitesWith(m, (s) => { if (!s[index].systems.includes(id)) s[index].systems.push(id); }) }));
    });
    systems.append(pick);
    box.append(summary, row, at, systems);
    // The sources of every figure drawn around this site, on demand.
    const chosen = state.catalog.systems.filter((x) => site.systems.includes(x.id));
    if (chosen.length) {
      const sources = document.createElement("details");
      sources.className = "sources";
      const head = document.createElement("summary");
      head.textContent = "Sources";
      const lines = document.createElement("ul");
      for (const system of chosen) {
        const line = document.createElement("li");
        line.textContent = system.sources;
        lines.append(line);
      }
      sources.append(head, lines);
      box.append(sources);
    }
    item.append(box);
    list.append(item);
  });
  drawTargets(model);
}

// The targets as rows that fold: name, position (any accepted form, or a place's name), remove.
function drawTargets(model) {
  const list = $("targets");
  list.replaceChildren();
  model.targets.forEach((target, index) => {
    const item = document.createElement("li");
    const box = document.createElement("details");
    const key = `target:${target.name}`;
    box.open = state.open.has(key);
    box.addEventListener("toggle", () => { if (box.open) state.open.add(key); else state.open.delete(key); });
    const summary = document.createElement("summary");
    summary.textContent = target.group ? `${target.name} · ${target.group}` : target.name;
    const name = input(target.name, "Target name", (value) =>
      edit((m) => ({ targets: targetsWith(m, (t) => { t[index].name = value; }) })));
    const at = input(target.at, "Target position: lat, lon in any accepted form, or a place's name", (value) =>
      edit((m) => ({ targets: targetsWith(m, (t) => { t[index].at = value; }) })));
    const remove = document.createElement("button");
    remove.type = "button";
    remove.className = "remove";
    remove.textContent = "Remove";
    remove.setAttribute("aria-label", `Remove the target ${target.name}`);
    remove.addEventListener("click", () => edit((m) => ({ targets: targetsWith(m, (t) => t.splice(index, 1)) })));
    const row = document.createElement("div");
    row.className = "row";
    row.append(name, remove);
    box.append(summary, row, at);
    item.append(box);
    list.append(item);
  });
}

function input(value, label, commit) {
  const field = document.createElement("input");
  field.type = "text";
  field.value = value;
  field.dataset.committed = value;
  field.setAttribute("aria-label", label);
  field.title = label;
  field.addEventListener("change", () => commit(field.value.trim()));
  return field;
}

const people = (n) => n.toLocaleString("en-GB");
const km = (n) => `${people(Math.round(n))} km`;

// Where a target stands against a range, figure by figure: one figure (`in`, `out`), an
// estimate's low and high figures each, or a band's limits. `standing` is the report's target
// (or its `rotating` part) with `within`, `within_low` and the distance.
function standing(range, t, distance) {
  const word = (inside) => (inside ? "in" : "out");
  if (range.low_km != null) {
    return `${km(range.low_km)}: ${word(t.within_low)} · ${km(range.max_km)}: ${word(t.within)}`;
  }
  if (range.min_km > 0 && !t.within && distance < range.min_km) return "out (inside the inner limit)";
  return word(t.within);
}

// The report's targets for one site and range: distance, bearing, in or out under each
// figure, flight time (within range, where the system has a flight profile); over the
// rotating Earth, the same with the rotation for ballistic systems.
function targetTable(entry) {
  const table = document.createElement("table");
  table.className = "targets";
  const head = table.createTHead().insertRow();
  const rotating = entry.rotating === true;
  const columns = ["Target", "Distance", "Bearing", rotating ? "As quoted" : "In range", "Flight"];
  if (rotating) columns.push("With rotation", "Flight, rotating");
  for (const text of columns) {
    const th = document.createElement("th");
    th.textContent = text;
    head.append(th);
  }
  const body = table.createTBody();
  for (const t of entry.targets) {
    const row = body.insertRow();
    row.dataset.target = t.name;
    const flight = (f, inside) => (f != null && inside ? `${f.toFixed(1)} min` : "–");
    const cells = [
      [t.group ? `${t.name} (${t.group})` : t.name, ""],
      [`${people(Math.round(t.distance_km))} km`, "n distance"],
      [t.bearing_deg == null ? "–" : `${t.bearing_deg.toFixed(0)}°`, "n bearing"],
      [standing(entry.range, t, t.distance_km), `verdict ${t.within ? "in" : "out"}`],
      [flight(t.flight_min, t.within), "n flight"],
    ];
    if (rotating && t.rotating) {
      const r = t.rotating;
      cells.push([`${standing(entry.range, r, t.distance_km)} (reaches ${km(r.range_km)} this way)`,
        `verdict rotating ${r.within ? "in" : "out"}`]);
      cells.push([flight(r.flight_min, r.within), "n flight rotating"]);
    }
    for (const [text, className] of cells) {
      const cell = row.insertCell();
      cell.textContent = text;
      if (className) cell.className = className;
    }
  }
  return table;
}

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
    note.textContent = "No site carries a range yet: add a site and give it a system, or turn on the INF bands.";
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
    // Counted from the population grid the server was given (`serve --population-grid`).
    const gridded = (t) => (t.grid_population != null ? `${people(t.grid_population)} people` : null);
    if (gridded(entry.totals)) {
      const grid = document.createElement("p");
      grid.className = "totals grid";
      grid.textContent = `Gridded population: ${gridded(entry.totals)}` +
        (entry.within_low && gridded(entry.within_low.totals) ? ` (under every figure: ${gridded(entry.within_low.totals)})` : "");
      article.append(grid);
    }
    if (entry.within_low) {
      const low = document.createElement("p");
      low.className = "note";
      low.textContent = `Under every figure (${people(entry.range.low_km)} km): ${totalsLine(entry.within_low.totals)}`;
      article.append(low);
    }
    if (entry.targets && entry.targets.length) {
      article.className = "with-targets";
      const h = document.createElement("h4");
      h.textContent = "Targets";
      article.append(h, targetTable(entry));
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
  if (reach.earth) {
    const note = document.createElement("p");
    note.className = "note earth";
    note.textContent = `${reach.earth.limits}.` +
      (reach.earth.notes.length ? ` ${reach.earth.notes.join(". ")}.` : "");
    box.append(note);
  }
  if (reach.grid_population_counts) {
    const rule = document.createElement("p");
    rule.className = "note grid-rule";
    rule.textContent = `Gridded population: ${reach.grid_population_counts}.`;
    box.append(rule);
  }
  if (reach.attribution) {
    const credit = document.createElement("p");
    credit.className = "note";
    credit.textContent = reach.attribution + ".";
    box.append(credit);
  }
}

// A download's file name: the title's words, else the scenario's name.
function stem() {
  const title = (state.model && state.model.title) || "";
  const words = title.normalize("NFKD").replace(/[\u0300-\u036f]/g, "").toLowerCase()
    .replace(/[^a-z0-9]+/g, "-").replace(/^-+|-+$/g, "").slice(0, 80).replace(/-+$/, "");
  return words || state.name.replace(/\.toml$/i, "");
}

async function download(kind) {
  const toml = state.scenario;
  let blob;
  const file = `${stem()}.${kind}`;
  if (kind === "toml") {
    blob = new Blob([toml], { type: "application/toml" });
  } else if (kind === "geojson") {
    blob = await (await api(`/api/geojson?${nameParam()}`, toml)).blob();
  } else if (kind === "kml") {
    blob = await (await api(`/api/kml?format=kml&${nameParam()}`, toml)).blob();
  } else if (kind === "html") {
    blob = await (await api(`/api/html?${nameParam()}`, toml)).blob();
  } else {
    blob = await (await api(`/api/map?format=${kind}&${nameParam()}`, toml)).blob();
  }
  const link = document.createElement("a");
  link.href = URL.createObjectURL(blob);
  link.download = file;
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(link.href), 10000);
}

// Ctrl+Z and Ctrl+Shift+Z (or Ctrl+Y) undo and redo the page's edits, except while a field
// holds typing not yet committed: that is the field's own undo.
function keys(event) {
  if (!(event.ctrlKey || event.metaKey) || event.altKey) return;
  const key = event.key.toLowerCase();
  if (key !== "z" && key !== "y") return;
  const target = event.target;
  if (target.matches && target.matches("input, textarea") && target.value !== (target.dataset.committed || "")) return;
  event.preventDefault();
  if (key === "y" || event.shiftKey) redo(); else undo();
}

async function start() {
  state.catalog = await (await api("/api/catalog")).json();
  const begin = await (await api("/api/start")).json();
  state.scenario = begin.scenario;
  state.name = begin.name;
  state.model = begin.model;
  try {
    const linked = await fromAddress();
    if (linked) {
      const answer = await (await api("/api/edit", JSON.stringify({ scenario: linked.scenario }), "application/json")).json();
      state.scenario = answer.scenario;
      state.model = answer.model;
      state.name = linked.name;
    }
  } catch (error) {
    showError(`The scenario in the address could not be read (${error.message}); the page opens on the server's.`);
  }
  const choice = $("new-system");
  for (const system of state.catalog.systems) choice.append(new Option(system.label, system.id));
  choice.append(new Option("no system", ""));
  const last = [...state.model.sites].reverse().find((s) => s.systems.length);
  if (last) choice.value = last.systems[last.systems.length - 1];
  $("title").addEventListener("change", (e) => edit({ title: e.target.value }));
  $("preset").addEventListener("change", (e) => edit({ preset: e.target.value }));
  $("theme").addEventListener("change", (e) => edit({ theme: e.target.value }));
  $("inf").addEventListener("change", (e) => edit({ inf: e.target.checked }));
  $("earth").addEventListener("change", (e) => edit({ earth: e.target.checked ? "rotating" : "non-rotating" }));
  $("tool-target").addEventListener("click", () => setTool(state.tool === "target" ? "site" : "target"));
  $("search-form").addEventListener("submit", search);
  $("undo").addEventListener("click", undo);
  $("redo").addEventListener("click", redo);
  document.addEventListener("keydown", keys);
  const handles = $("handles");
  handles.addEventListener("pointerdown", pointerDown);
  handles.addEventListener("pointermove", pointerMove);
  handles.addEventListener("pointerup", pointerUp);
  handles.addEventListener("pointercancel", pointerUp);
  handles.addEventListener("click", addSite);
  $("stage").addEventListener("wheel", wheel, { passive: false });
  const centre = () => ({ x: state.view.width / 2, y: state.view.frame.map.top + state.view.frame.map.height / 2 });
  $("zoom-in").addEventListener("click", () => state.view && zoomAt(centre(), 0.5));
  $("zoom-out").addEventListener("click", () => state.view && zoomAt(centre(), 2));
  $("fit").addEventListener("click", () => queue(async () => {
    const frame = await (await api(`/api/fit?${nameParam()}`, state.scenario)).json();
    edit({ frame });
  }));
  for (const id of ["x0", "y0", "x1", "y1"]) {
    $(id).addEventListener("change", () => {
      const extent = ["x0", "y0", "x1", "y1"].map((k) => Number($(k).value) * 1000);
      if (extent.some((v) => !Number.isFinite(v)) || !state.view) return;
      edit({ frame: { proj: state.view.frame.proj, extent } });
    });
  }
  for (const kind of ["toml", "svg", "png", "pdf", "html", "geojson", "kml"]) {
    $(`dl-${kind}`).addEventListener("click", () => download(kind).catch((e) => showError(e.message)));
  }
  drawControls();
  remember().catch(() => {});
  await refresh();
  document.body.dataset.ready = "true";
  state.readyAt = performance.now();
}

start().catch((error) => showError(error.message));
