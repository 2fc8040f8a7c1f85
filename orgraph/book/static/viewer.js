/* orgraph interactive chart: shows the pages orgraph laid out; lays nothing out itself.
 * Data: <script id="orgraph-data" type="application/json"> (see orgraph/book/html.py).
 * Every text from the data reaches the page through textContent or setAttribute only. */
(function () {
  "use strict";

  performance.mark("orgraph-start");
  const data = JSON.parse(document.getElementById("orgraph-data").textContent);
  performance.mark("orgraph-data");
  const W = data.words;
  const $ = (id) => document.getElementById(id);
  const view = $("og-view"), stage = $("og-stage"), side = $("og-side");
  const results = $("og-results"), details = $("og-details"), search = $("og-search");
  const back = $("og-back"), crumbs = $("og-crumbs").querySelector("ol");
  const SVG_NS = "http://www.w3.org/2000/svg";

  const say = (key, n) => W[key].replace("{n}", String(n));
  const pages = new Map(data.pages.map((p) => [p.n, p]));
  const parentPage = new Map(); // page number -> number of the page holding its counted box
  for (const p of data.pages) for (const n of Object.values(p.links)) parentPage.set(n, p.n);
  const cache = new Map(); // page number -> prepared <svg>
  let nodes = new Map(), byDot = new Map(), index = [];
  let current = null; // {page, svg, width, height}
  const cam = { x: 0, y: 0, s: 1 }; // viewBox origin and pixels per SVG unit

  /* ---- data ---------------------------------------------------------------------------- */
  async function unpack(b64) {
    const bin = atob(b64);
    const bytes = new Uint8Array(bin.length);
    for (let i = 0; i < bin.length; i++) bytes[i] = bin.charCodeAt(i);
    const stream = new Blob([bytes]).stream().pipeThrough(new DecompressionStream("gzip"));
    return new Response(stream).text();
  }

  const fold = (text) => text.normalize("NFD").replace(/[\u0300-\u036f]/g, "").toLowerCase();

  async function loadNodes() {
    const list = JSON.parse(await unpack(data.nodes));
    nodes = new Map(list.map((r) => [r.i, r]));
    byDot = new Map(list.map((r) => [r.d || r.i, r.i]));
    index = list.filter((r) => r.p).map((r) => [fold(r.l) + "\n" + fold(r.i), r]);
  }

  const oneLine = (text) => text.replace(/\s*\n\s*/g, " ");
  const label = (id) => oneLine((nodes.get(id) || { l: id }).l);
  const firstLine = (id) => (nodes.get(id) || { l: id }).l.split("\n")[0];

  /* ---- SVG pages ------------------------------------------------------------------------ */
  const UNSAFE = "script, foreignObject, iframe, object, embed, audio, video, animate, set";

  function sanitize(root) {
    root.querySelectorAll(UNSAFE).forEach((el) => el.remove());
    for (const el of [root, ...root.querySelectorAll("*")]) {
      for (const attr of [...el.attributes]) {
        const name = attr.name.toLowerCase();
        const link = name === "href" || name.endsWith(":href");
        if (name.startsWith("on") || (link && !attr.value.startsWith("#"))) {
          el.removeAttribute(attr.name);
        }
      }
    }
  }

  function parseSvg(text) {
    const doc = new DOMParser().parseFromString(text, "image/svg+xml");
    const svg = doc.documentElement;
    if (svg.namespaceURI !== SVG_NS || svg.localName !== "svg") {
      throw new Error((svg.textContent || "not an SVG").slice(0, 200));
    }
    sanitize(svg);
    return document.importNode(svg, true);
  }

  function prepare(svg, page) {
    const box = svg.viewBox.baseVal;
    const width = box && box.width ? box.width : parseFloat(svg.getAttribute("width")) || 100;
    const height = box && box.height ? box.height : parseFloat(svg.getAttribute("height")) || 100;
    svg.setAttribute("width", "100%");
    svg.setAttribute("height", "100%");
    svg.setAttribute("preserveAspectRatio", "xMinYMin meet");
    svg.classList.add("og-page");
    for (const g of svg.querySelectorAll("g.node")) {
      const title = g.querySelector(":scope > title");
      const id = title ? byDot.get(title.textContent) : undefined;
      if (id === undefined) continue;
      g.dataset.id = id;
      g.setAttribute("tabindex", "0");
      const target = page.links[id];
      if (target !== undefined) {
        g.classList.add("og-link");
        g.dataset.page = String(target);
        g.setAttribute("role", "link");
        g.setAttribute("aria-label", label(id) + " — " + say("open_page", target));
        title.textContent = label(id) + " → " + say("page", target);
      } else {
        g.setAttribute("role", "button");
        g.setAttribute("aria-label", label(id));
        title.textContent = label(id);
      }
    }
    return { page, svg, width, height };
  }

  async function pageView(n) {
    if (!cache.has(n)) cache.set(n, prepare(parseSvg(await unpack(pages.get(n).svg)), pages.get(n)));
    return cache.get(n);
  }

  /* ---- camera: the viewBox follows pan and zoom ---------------------------------------- */
  function applyCamera() {
    if (!current) return;
    const w = view.clientWidth || 1, h = view.clientHeight || 1;
    current.svg.setAttribute("viewBox", `${cam.x} ${cam.y} ${w / cam.s} ${h / cam.s}`);
    stage.dataset.scale = cam.s.toFixed(4);
  }

  function fitScale() {
    const w = view.clientWidth || 1, h = view.clientHeight || 1;
    return Math.min(w / current.width, h / current.height, 2) * 0.96;
  }

  function fit() {
    if (!current) return;
    const w = view.clientWidth || 1, h = view.clientHeight || 1;
    cam.s = fitScale();
    cam.x = (current.width - w / cam.s) / 2;
    cam.y = (current.height - h / cam.s) / 2;
    applyCamera();
  }

  /** The opening view of a page: all of it, unless its text would be too small to read;
   * then readable, at the top, centred on the page's root. */
  const READABLE = 0.55;
  function home() {
    fit();
    if (cam.s >= READABLE) return;
    const root = nodeElement(current.page.root);
    if (!root) return;
    const r = root.getBoundingClientRect(), v = view.getBoundingClientRect();
    const ux = cam.x + (r.left + r.width / 2 - v.left) / cam.s;
    cam.s = READABLE;
    cam.x = ux - view.clientWidth / 2 / cam.s;
    cam.y = -8;
    applyCamera();
  }

  const clampScale = (s) => Math.min(Math.max(s, Math.min(fitScale() / 2, 0.05)), 12);

  function zoomAt(factor, px, py) {
    const ux = cam.x + px / cam.s, uy = cam.y + py / cam.s;
    cam.s = clampScale(cam.s * factor);
    cam.x = ux - px / cam.s;
    cam.y = uy - py / cam.s;
    applyCamera();
  }

  function panBy(dx, dy) {
    cam.x -= dx / cam.s;
    cam.y -= dy / cam.s;
    applyCamera();
  }

  function centerOn(el) {
    const r = el.getBoundingClientRect(), v = view.getBoundingClientRect();
    const ux = cam.x + (r.left + r.width / 2 - v.left) / cam.s;
    const uy = cam.y + (r.top + r.height / 2 - v.top) / cam.s;
    cam.s = clampScale(Math.max(cam.s, Math.min(1.2, 12)));
    cam.x = ux - view.clientWidth / 2 / cam.s;
    cam.y = uy - view.clientHeight / 2 / cam.s;
    applyCamera();
  }

  /* ---- pages, breadcrumb, selection ---------------------------------------------------- */
  function renderCrumbs(page) {
    crumbs.replaceChildren();
    page.path.forEach((id, i) => {
      const li = document.createElement("li");
      const b = document.createElement("button");
      b.type = "button";
      b.textContent = firstLine(id);
      b.title = label(id);
      if (i === page.path.length - 1) {
        b.setAttribute("aria-current", "page");
        b.disabled = true;
      } else {
        const n = (nodes.get(id) || {}).p;
        b.addEventListener("click", () => navigate({ page: n, focus: null, select: null }));
      }
      li.appendChild(b);
      crumbs.appendChild(li);
    });
    const up = parentPage.get(page.n);
    back.disabled = up === undefined;
    back.title = up === undefined ? "" : say("back_to", up);
  }

  function nodeElement(id) {
    if (!current) return null;
    for (const g of current.svg.querySelectorAll("g.node[data-id]")) {
      if (g.dataset.id === id) return g;
    }
    return null;
  }

  function highlight(id) {
    if (!current) return null;
    current.svg.querySelectorAll(".og-hit").forEach((g) => g.classList.remove("og-hit"));
    const el = id == null ? null : nodeElement(id);
    if (el) el.classList.add("og-hit");
    return el;
  }

  let shown = 0; // the latest call of show(): an older one that finishes later gives way
  async function show(state) {
    const call = ++shown;
    const n = pages.has(state.page) ? state.page : data.pages[0].n;
    try {
      const next = await pageView(n);
      if (call !== shown) return;
      if (!current || current.page.n !== n) {
        current = next;
        stage.replaceChildren(next.svg);
        stage.dataset.page = String(n);
        renderCrumbs(next.page);
        home();
      }
      view.classList.remove("og-broken");
    } catch (err) {
      view.classList.add("og-broken");
      stage.textContent = W.broken.replace("{error}", String(err && err.message || err));
      return;
    }
    const el = highlight(state.focus);
    if (el && state.focus !== current.page.root) centerOn(el);
    if (state.select != null) showDetails(state.select); else closeDetails(false);
  }

  function navigate(state, replace) {
    const id = state.select != null ? state.select : pages.get(state.page).root;
    const url = "#" + encodeURIComponent(id);
    if (replace) history.replaceState(state, "", url); else history.pushState(state, "", url);
    return show(state);
  }

  function stateOfHash() {
    let id = "";
    try { id = decodeURIComponent(location.hash.slice(1)); } catch (e) { id = ""; }
    const rec = nodes.get(id);
    if (!rec || !rec.p) return { page: data.pages[0].n, focus: null, select: null };
    return { page: rec.p, focus: id, select: id };
  }

  function activate(g) {
    const id = g.dataset.id;
    if (g.dataset.page) {
      navigate({ page: Number(g.dataset.page), focus: id, select: null });
    } else {
      navigate({ page: current.page.n, focus: id, select: id }, true);
    }
  }

  function goBack() {
    if (!current) return;
    const up = parentPage.get(current.page.n);
    if (up !== undefined) navigate({ page: up, focus: current.page.root, select: null });
  }

  /* ---- details panel ------------------------------------------------------------------- */
  function row(dl, term, value) {
    const dt = document.createElement("dt"), dd = document.createElement("dd");
    dt.textContent = term;
    dd.textContent = String(value);
    dl.append(dt, dd);
  }

  function showDetails(id) {
    const rec = nodes.get(id);
    if (!rec) return;
    details.replaceChildren();
    const h = document.createElement("h2");
    h.textContent = oneLine(rec.l);
    const dl = document.createElement("dl");
    row(dl, W.id, rec.i);
    row(dl, W.kind, data.kinds[rec.k] || rec.k);
    for (const [key, text] of rec.a || []) row(dl, data.attributes[key] || key, text);
    if (rec.s !== undefined) row(dl, W.span, rec.s);
    if (rec.y !== undefined) row(dl, W.layer, rec.y);
    if (rec.b !== undefined) row(dl, W.below, rec.b);
    row(dl, W.page_word, rec.p ? rec.p : W.not_drawn);
    details.append(h, dl);
    if (rec.c && rec.c.length) {
      const h3 = document.createElement("h3");
      h3.textContent = W.citations;
      const cl = document.createElement("dl");
      for (const [fact, text] of rec.c) row(cl, data.attributes[fact] || fact, text);
      details.append(h3, cl);
    }
    const target = current && current.page.links[id];
    if (target !== undefined) {
      const open = document.createElement("button");
      open.type = "button";
      open.className = "og-open";
      open.textContent = say("open_page", target);
      open.addEventListener("click", () => navigate({ page: target, focus: id, select: null }));
      details.append(open);
    }
    const a = document.createElement("a");
    a.className = "og-permalink";
    a.href = "#" + encodeURIComponent(rec.i);
    a.textContent = W.link;
    details.append(a);
    details.dataset.id = id;
    side.hidden = false;
    side.scrollTop = 0;
  }

  function closeDetails(clearResults) {
    details.replaceChildren();
    delete details.dataset.id;
    if (clearResults) { results.replaceChildren(); search.value = ""; }
    side.hidden = !results.childElementCount;
  }

  /* ---- search -------------------------------------------------------------------------- */
  const LIMIT = 50;

  function runSearch() {
    const q = fold(search.value.trim());
    results.replaceChildren();
    if (!q) { side.hidden = !details.childElementCount; return; }
    const first = [], rest = []; // names that start with the query first
    for (const [text, rec] of index) {
      const at = text.indexOf(q);
      if (at === 0) first.push(rec); else if (at > 0) rest.push(rec);
    }
    const total = first.length + rest.length;
    const hits = first.concat(rest.slice(0, LIMIT)).slice(0, LIMIT);
    const head = document.createElement("p");
    head.className = "og-count";
    head.textContent = total ? say("results", total) : W.none;
    const ul = document.createElement("ul");
    for (const rec of hits) {
      const li = document.createElement("li"), b = document.createElement("button");
      b.type = "button";
      b.dataset.id = rec.i;
      const name = document.createElement("strong");
      name.textContent = oneLine(rec.l);
      const where = document.createElement("span");
      const page = pages.get(rec.p);
      const top = page ? label(page.root) : "";
      where.textContent = `${data.kinds[rec.k] || rec.k} · ${say("page", rec.p)}: ${top}`;
      b.append(name, where);
      b.addEventListener("click", () => navigate({ page: rec.p, focus: rec.i, select: rec.i }));
      li.appendChild(b);
      ul.appendChild(li);
    }
    results.append(head, ul);
    if (total > hits.length) {
      const more = document.createElement("p");
      more.className = "og-count";
      more.textContent = say("more", total - hits.length);
      results.append(more);
    }
    side.hidden = false;
  }

  /* ---- input: pointer (mouse, pen, touch), wheel, keyboard ----------------------------- */
  const pointers = new Map();
  let press = null; // {g, x, y, moved}

  view.addEventListener("pointerdown", (e) => {
    if (e.target.closest("#og-zoom, #og-legend") || e.button > 0) return;
    view.setPointerCapture(e.pointerId);
    pointers.set(e.pointerId, { x: e.clientX, y: e.clientY });
    press = pointers.size === 1
      ? { g: e.target.closest("g.node[data-id]"), x: e.clientX, y: e.clientY, moved: false }
      : null;
  });

  view.addEventListener("pointermove", (e) => {
    const prev = pointers.get(e.pointerId);
    if (!prev) return;
    const v = view.getBoundingClientRect();
    if (pointers.size === 2) {
      const [a, b] = [...pointers.values()];
      const other = a === prev ? b : a;
      const before = Math.hypot(prev.x - other.x, prev.y - other.y);
      const after = Math.hypot(e.clientX - other.x, e.clientY - other.y);
      const mx = (e.clientX + other.x) / 2 - v.left, my = (e.clientY + other.y) / 2 - v.top;
      if (before > 0) zoomAt(after / before, mx, my);
      panBy((e.clientX - prev.x) / 2, (e.clientY - prev.y) / 2);
    } else {
      panBy(e.clientX - prev.x, e.clientY - prev.y);
    }
    pointers.set(e.pointerId, { x: e.clientX, y: e.clientY });
    if (press && Math.hypot(e.clientX - press.x, e.clientY - press.y) > 5) press.moved = true;
  });

  function release(e) {
    if (!pointers.delete(e.pointerId)) return;
    if (e.type === "pointerup" && press && !press.moved && press.g) activate(press.g);
    press = null;
  }
  view.addEventListener("pointerup", release);
  view.addEventListener("pointercancel", release);

  view.addEventListener("click", (e) => { if (e.target.closest("#og-stage a")) e.preventDefault(); });

  view.addEventListener("wheel", (e) => {
    e.preventDefault();
    const v = view.getBoundingClientRect();
    const dy = e.deltaMode === 1 ? e.deltaY * 16 : e.deltaMode === 2 ? e.deltaY * 400 : e.deltaY;
    zoomAt(Math.exp(-dy * 0.0015), e.clientX - v.left, e.clientY - v.top);
  }, { passive: false });

  const zoomCenter = (f) => zoomAt(f, view.clientWidth / 2, view.clientHeight / 2);
  $("og-zoom-in").addEventListener("click", () => zoomCenter(1.25));
  $("og-zoom-out").addEventListener("click", () => zoomCenter(0.8));
  $("og-fit").addEventListener("click", fit);
  $("og-close").addEventListener("click", () => {
    closeDetails(true);
    if (current) highlight(null);
  });
  back.addEventListener("click", goBack);

  view.addEventListener("keydown", (e) => {
    const g = e.target.closest && e.target.closest("g.node[data-id]");
    if (g && (e.key === "Enter" || e.key === " ")) { e.preventDefault(); activate(g); return; }
    const step = 60;
    const keys = {
      ArrowLeft: () => panBy(step, 0), ArrowRight: () => panBy(-step, 0),
      ArrowUp: () => panBy(0, step), ArrowDown: () => panBy(0, -step),
      "+": () => zoomCenter(1.25), "=": () => zoomCenter(1.25), "-": () => zoomCenter(0.8),
      "0": fit, Backspace: goBack,
    };
    if (keys[e.key] && !e.ctrlKey && !e.metaKey && !e.altKey) { e.preventDefault(); keys[e.key](); }
  });

  document.addEventListener("keydown", (e) => {
    const typing = e.target === search;
    if (e.key === "/" && !typing) { e.preventDefault(); search.focus(); search.select(); }
    if (e.key === "Escape") { closeDetails(true); if (current) highlight(null); view.focus(); }
  });

  search.addEventListener("input", runSearch);
  search.addEventListener("keydown", (e) => {
    if (e.key === "Enter") {
      const first = results.querySelector("button[data-id]");
      if (first) first.click();
    }
  });

  window.addEventListener("popstate", (e) => show(e.state || stateOfHash()));
  window.addEventListener("resize", () => { if (current) applyCamera(); });

  /* ---- start --------------------------------------------------------------------------- */
  /** The legend: the static chart's legend box, cut out of the sample chart it came with. */
  async function legend() {
    const box = $("og-legend-box");
    try {
      const svg = parseSvg(await unpack(data.legend));
      svg.classList.add("og-legend-svg");
      box.appendChild(svg);
      const frame = svg.querySelector("g.node.legend.frame");
      if (!frame) throw new Error("no legend box");
      const r = frame.getBoundingClientRect(), whole = svg.getBoundingClientRect();
      const vb = svg.viewBox.baseVal, k = vb.width / whole.width; // SVG units per pixel
      const pad = 2;
      const x = vb.x + (r.left - whole.left) * k - pad, y = vb.y + (r.top - whole.top) * k - pad;
      const w = r.width * k + 2 * pad, h = r.height * k + 2 * pad;
      svg.setAttribute("viewBox", `${x} ${y} ${w} ${h}`);
      svg.setAttribute("width", (w * 1.2).toFixed(0)); // 1 pt as 1.2 px: a key beside the chart
      svg.setAttribute("height", (h * 1.2).toFixed(0));
    } catch (err) {
      box.replaceChildren();
      $("og-legend").hidden = true;
    }
  }

  async function start() {
    document.title = data.title || document.title;
    await loadNodes();
    performance.mark("orgraph-nodes");
    const first = history.state && pages.has(history.state.page) ? history.state : stateOfHash();
    history.replaceState(first, "", location.hash || "#" + encodeURIComponent(pages.get(first.page).root));
    await Promise.all([show(first), legend()]);
    requestAnimationFrame(() => {
      performance.mark("orgraph-ready");
      document.documentElement.dataset.ready = "1";
    });
  }

  start();
})();
