// llmkg graph.html: draws the family tree from the JSON in #graph-data and answers questions
// about it (written inline by src/export/html; plain JavaScript, no library, no network).
"use strict";
(function () {
  const NS = "http://www.w3.org/2000/svg";
  const NODE_W = 140, NODE_H = 26, LABEL_CHARS = 22, READABLE = 0.85, FAR = 0.4, AXIS_ROOM = 90;
  // at low zoom (under FAR) a family of at least FOLD members is one box labelled with its name
  // and size, until a click opens it; FOLD_FONT is its label's size on screen, in px
  const FOLD = 8, FOLD_FONT = 14;
  const data = JSON.parse(document.getElementById("graph-data").textContent);
  const svg = document.getElementById("tree");
  const card = document.getElementById("card");
  const search = document.getElementById("search");
  const matchList = document.getElementById("matches");
  const status = document.getElementById("status");

  function el(tag, attrs, text) {
    const e = document.createElement(tag);
    for (const k in attrs || {}) e.setAttribute(k, attrs[k]);
    if (text !== undefined) e.textContent = text;
    return e;
  }
  function sel(tag, attrs) {
    const e = document.createElementNS(NS, tag);
    for (const k in attrs) e.setAttribute(k, attrs[k]);
    return e;
  }
  function fmt(n) { return n.toLocaleString("en-US"); }

  if (data.notice && data.notice.length) showNotice();

  // ---- the graph in memory ----
  const nodes = data.nodes;
  const edges = data.edges;
  const byId = new Map();
  const orgLabel = new Map();
  nodes.forEach((n, i) => {
    n.index = i;
    n.out = [];
    n.in = [];
    n.aliases = n.aliases || [];
    n.organizations = n.organizations || [];
    n.names = [n.label, n.id].concat(n.aliases).map((s) => s.toLowerCase());
    byId.set(n.id, n);
    if (n.kind === "organization") orgLabel.set(n.id, n.label);
  });
  edges.forEach((e) => {
    e.s = byId.get(e.source);
    e.t = byId.get(e.target);
    e.s.out.push(e);
    e.t.in.push(e);
  });
  const relation = new Map(data.relations.map((r) => [r.name, r]));
  const shownRelations = new Set(data.relations.filter((r) => r.name !== "developed_by").map((r) => r.name));
  // the time axis's labels, drawn over the tree and kept at the left edge of the view
  const axis = sel("g", { class: "axis" });
  const nodeEls = [];
  const edgeEls = [];
  let selected = null;
  // the families that fold at low zoom: per column, its box element and its nodes' extent
  const folds = new Map();
  const foldGroup = sel("g", { class: "folds" });

  // ---- drawing ----
  function draw() {
    const defs = sel("defs", {});
    for (const r of data.relations) {
      const m = sel("marker", { id: "arrow-" + r.name, viewBox: "0 0 10 10", refX: "1", refY: "5", markerWidth: "7", markerHeight: "7", orient: "auto-start-reverse" });
      m.appendChild(sel("path", { d: "M 10 0 L 0 5 L 10 10 z", fill: r.color }));
      defs.appendChild(m);
    }
    svg.appendChild(defs);
    const back = sel("g", { class: "background" });
    data.bands.forEach((b, k) => {
      back.appendChild(sel("rect", { class: k % 2 ? "band odd" : "band", x: 0, y: b.y, width: data.width + 40, height: b.height }));
      const t = sel("text", { class: "axis-label", x: 10, y: b.y + 18 });
      // the axis holds only years with nodes: a gap of empty years is marked, not drawn
      t.textContent = b.gap ? "\u22ee " + b.label : b.label;
      if (b.gap) {
        const title = sel("title", {});
        title.textContent = b.gap + (b.gap === 1 ? " year" : " years") + " without a node above " + b.label;
        t.appendChild(title);
        back.appendChild(sel("line", { class: "gap", x1: 0, y1: b.y, x2: data.width + 40, y2: b.y }));
      }
      axis.appendChild(t);
    });
    for (const c of data.columns) {
      back.appendChild(sel("rect", { class: "column-bg", x: c.x - 8, y: 8, width: c.width + 16, height: data.height - 8 }));
      const t = sel("text", { class: "column-label", x: c.x, y: 28 });
      t.textContent = c.id ? c.label + " family (" + c.members + ")" : c.label + " (" + c.members + ")";
      back.appendChild(t);
    }
    svg.appendChild(back);
    foldable();
    // thousands of nodes and edges are written as markup and parsed at once, the relations'
    // and organizations' styles as one rule each: far quicker than an element at a time
    const style = [];
    for (const r of data.relations) {
      style.push(".r-" + r.name + "{stroke:" + r.color + ";stroke-width:" + r.width + "px;marker-start:url(#arrow-" + r.name + ")" + (r.dash ? ";stroke-dasharray:" + r.dash : "") + "}");
    }
    for (const c of data.licence_classes) {
      style.push("#tree.by-licence .node.l-" + c.name + " rect{fill:" + c.color + "}");
    }
    const colours = new Map();
    for (const n of nodes) {
      if (!colours.has(n.color)) {
        colours.set(n.color, colours.size);
        style.push(".c-" + (colours.size - 1) + " rect{fill:" + tint(n.color) + ";stroke:" + n.color + "}");
      }
    }
    // through the CSSOM: the page's policy runs no style element but its own
    const sheet = document.querySelector("style").sheet;
    for (const rule of style) sheet.insertRule(rule, sheet.cssRules.length);
    const edgeGroup = sel("g", { class: "edges" });
    edgeGroup.innerHTML = edges.map(edgeMarkup).join("");
    edgeEls.push(...edgeGroup.children);
    svg.appendChild(edgeGroup);
    const nodeGroup = sel("g", { class: "nodes" });
    nodeGroup.innerHTML = nodes.map((n) => nodeMarkup(n, colours.get(n.color))).join("");
    nodeEls.push(...nodeGroup.children);
    svg.appendChild(nodeGroup);
    svg.appendChild(foldGroup);
    svg.appendChild(axis);
  }

  // the families of FOLD members or more: each gets a box over its nodes' extent (shown at low
  // zoom only), and its nodes and every edge touching one are marked to hide under it
  function foldable() {
    data.columns.forEach((c, k) => {
      if (!c.id || c.members < FOLD) return;
      let y0 = Infinity, y1 = -Infinity;
      for (const n of nodes) if (n.column === k) { y0 = Math.min(y0, n.y); y1 = Math.max(y1, n.y); }
      if (y0 > y1) return;
      const g = sel("g", { class: "fold", "data-family": String(k), role: "button", "aria-label": c.label + " family, " + c.members + " nodes: open" });
      const x = c.x - 8, y = y0 - NODE_H, w = c.width + 16, h = y1 - y0 + 2 * NODE_H;
      g.appendChild(sel("rect", { x, y, width: w, height: h, rx: 10 }));
      const t = sel("text", { x: x + w / 2, y, "text-anchor": "middle", "dominant-baseline": "central" });
      g.appendChild(t);
      const title = sel("title", {});
      title.textContent = c.label + " family (" + fmt(c.members) + " nodes): click to open";
      g.appendChild(title);
      foldGroup.appendChild(g);
      folds.set(k, { column: c, el: g, text: t, x, y, w, h, open: false });
    });
  }
  // the column a node folds into while its family is closed, else undefined
  function foldOf(n) {
    const f = n.column === undefined ? undefined : folds.get(n.column);
    return f && !f.open ? f : undefined;
  }
  // at low zoom: each closed family's label sized to stay readable (FOLD_FONT px on screen):
  // its name and size across its box where they fit, else down a tall narrow box, else shortened
  // to the box's width; its size alone in a smaller box, nothing in a speck (the tooltip says it)
  function showFolds(scale) {
    const size = FOLD_FONT / scale, char = FOLD_FONT * 0.62;
    for (const f of folds.values()) {
      const count = fmt(f.column.members);
      const whole = f.column.label + " (" + count + ")";
      const across = Math.floor((f.w * scale - 8) / char), down = Math.floor((f.h * scale - 8) / char);
      let text = whole, along = false;
      if (whole.length > across && whole.length <= down) along = true;
      else if (whole.length > across && across >= count.length + 6) text = f.column.label.slice(0, across - count.length - 4) + "\u2026 (" + count + ")";
      else if (whole.length > across) { text = count; along = count.length > across; if (along && count.length > down) text = ""; }
      const cx = f.x + f.w / 2, t = f.text;
      t.setAttribute("font-size", size);
      t.setAttribute("x", cx);
      if (along) {
        // along the box, read from top to bottom
        const top = f.y + 4 / scale;
        t.setAttribute("y", top);
        t.setAttribute("text-anchor", "start");
        t.setAttribute("transform", "rotate(90 " + cx + " " + top + ")");
      } else {
        t.setAttribute("y", f.y + Math.min(size, f.h / 2));
        t.setAttribute("text-anchor", "middle");
        t.removeAttribute("transform");
      }
      t.textContent = text;
    }
  }
  // opens family `k` for good: its nodes and edges show at every zoom, and the view shows it
  function openFold(k) {
    const f = folds.get(k);
    if (!f || f.open) return;
    f.open = true;
    f.el.setAttribute("data-open", "");
    for (const n of nodes) if (n.column === k) nodeEls[n.index].removeAttribute("data-fold");
    edges.forEach((e, i) => { if (!foldOf(e.s) && !foldOf(e.t)) edgeEls[i].removeAttribute("data-fold"); });
    fitTo(nodes.filter((n) => n.column === k && !nodeEls[n.index].hasAttribute("data-hidden")));
  }

  const ESCAPES = { "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" };
  function esc(text) { return text.replace(/[&<>"']/g, (c) => ESCAPES[c]); }

  function edgeMarkup(e) {
    // from the origin (the base, usually above) to the derived node, the arrow at the origin
    const down = e.t.y < e.s.y;
    const x1 = e.t.x, y1 = e.t.y + (down ? NODE_H / 2 : -NODE_H / 2);
    const x2 = e.s.x, y2 = e.s.y + (down ? -NODE_H / 2 : NODE_H / 2);
    const bend = Math.max(24, Math.abs(y2 - y1) / 2) * (y2 >= y1 ? 1 : -1);
    return '<path class="edge r-' + e.relation + '"' + (foldOf(e.s) || foldOf(e.t) ? " data-fold" : "") + ' d="M' + x1 + " " + y1 + " C" + x1 + " " + (y1 + bend) + " " + x2 + " " + (y2 - bend) + " " + x2 + " " + y2 + '"/>';
  }

  function nodeMarkup(n, colour) {
    return '<g class="node kind-' + n.kind + " c-" + colour + " l-" + (n.licence_class || "none") + '" data-id="' + esc(n.id) + '"' + (foldOf(n) ? " data-fold" : "") + ' transform="translate(' + n.x + " " + n.y +
      ')" role="option" aria-selected="false" aria-label="' + esc(n.label) + '"><rect x="' + -NODE_W / 2 + '" y="' + -NODE_H / 2 +
      '" width="' + NODE_W + '" height="' + NODE_H + '" rx="4"/></g>';
  }

  // labels are written when their node first comes into view: laying out thousands of texts
  // at once is what makes a large page slow to open
  const labelled = new Uint8Array(nodes.length);
  function label(n) {
    labelled[n.index] = 1;
    const g = nodeEls[n.index];
    const title = sel("title", {});
    title.textContent = n.label + (n.date ? " (" + n.date + ")" : "") + " [" + n.kind + "]";
    const t = sel("text", { x: 0, y: 4, "text-anchor": "middle" });
    t.textContent = n.label.length > LABEL_CHARS ? n.label.slice(0, LABEL_CHARS - 1) + "\u2026" : n.label;
    g.append(title, t);
  }

  // a light fill of an organization's colour, so labels stay readable on every colour
  function tint(hex) {
    const v = parseInt(hex.slice(1), 16);
    const mix = (c) => Math.round(c + (255 - c) * 0.62);
    return "rgb(" + mix(v >> 16) + "," + mix((v >> 8) & 255) + "," + mix(v & 255) + ")";
  }

  // ---- pan and zoom: the viewBox ----
  const vb = { x: 0, y: 0, w: 1, h: 1 };
  let frame = 0;
  const size = { w: 1, h: 1 };
  function measure() { size.w = svg.clientWidth || 1; size.h = svg.clientHeight || 1; }
  function applyView() {
    frame = 0;
    svg.setAttribute("viewBox", vb.x + " " + vb.y + " " + vb.w + " " + vb.h);
    // what shows: the viewBox, widened on one side as preserveAspectRatio="xMidYMid meet" does
    const scale = Math.min(size.w / vb.w, size.h / vb.h);
    const w = size.w / scale, h = size.h / scale;
    const x0 = vb.x - (w - vb.w) / 2, y0 = vb.y - (h - vb.h) / 2;
    svg.classList.toggle("far", scale < FAR);
    axis.setAttribute("transform", "translate(" + Math.max(0, x0) + " 0)");
    if (scale < FAR) { showFolds(scale); return; }
    const mx = NODE_W, my = NODE_H * 2;
    for (const n of nodes) {
      if (!labelled[n.index] && n.x > x0 - mx && n.x < x0 + w + mx && n.y > y0 - my && n.y < y0 + h + my) label(n);
    }
  }
  function requestView() { if (!frame) frame = requestAnimationFrame(applyView); }
  // the box around `list` (nodes), with a margin; the axis labels' room at the left when it starts there
  function box(list) {
    let x0 = Infinity, y0 = Infinity, x1 = -Infinity, y1 = -Infinity;
    for (const n of list) {
      x0 = Math.min(x0, n.x - NODE_W / 2); x1 = Math.max(x1, n.x + NODE_W / 2);
      y0 = Math.min(y0, n.y - NODE_H / 2); y1 = Math.max(y1, n.y + NODE_H / 2);
    }
    const pad = 30;
    return { x: x0 - pad - AXIS_ROOM, y: y0 - pad - 20, w: x1 - x0 + 2 * pad + AXIS_ROOM, h: y1 - y0 + 2 * pad + 20 };
  }
  // shows `list` whole where its labels stay readable so; else the column holding most of it, from
  // its top left, at a readable scale
  function fitTo(list) {
    if (!list.length) list = nodes;
    if (!list.length) { vb.x = 0; vb.y = 0; vb.w = 400; vb.h = 300; applyView(); return; }
    let b = box(list);
    if (Math.min(size.w / b.w, size.h / b.h) < READABLE) {
      const count = new Map();
      for (const n of list) if (n.column !== undefined) count.set(n.column, (count.get(n.column) || 0) + 1);
      let best = null;
      for (const [c, k] of count) if (best === null || k > count.get(best) || (k === count.get(best) && c < best)) best = c;
      if (best !== null) b = box(list.filter((n) => n.column === best));
    }
    const scale = Math.max(Math.min(size.w / b.w, size.h / b.h), Math.min(READABLE, 2));
    vb.w = size.w / scale; vb.h = size.h / scale;
    // centred where it all shows, else from its top left
    vb.x = b.w <= vb.w ? b.x - (vb.w - b.w) / 2 : b.x;
    vb.y = b.h <= vb.h ? b.y - (vb.h - b.h) / 2 : b.y;
    applyView();
  }
  function fit() { fitTo(nodes.filter((n) => !nodeEls[n.index].hasAttribute("data-hidden"))); }
  // the largest family (the first column) at a readable scale; the whole tree when no family
  function firstView() {
    const family = data.columns.length && data.columns[0].id ? nodes.filter((n) => n.column === 0) : nodes;
    fitTo(family);
  }
  function toSvg(clientX, clientY) {
    const m = svg.getScreenCTM();
    if (!m) return { x: vb.x + vb.w / 2, y: vb.y + vb.h / 2 };
    const p = new DOMPoint(clientX, clientY).matrixTransform(m.inverse());
    return { x: p.x, y: p.y };
  }
  function zoom(factor, at) {
    const maxW = Math.max(data.width, data.height, 400) * 3;
    const w = Math.min(Math.max(vb.w * factor, 150), maxW);
    factor = w / vb.w;
    vb.x = at.x - (at.x - vb.x) * factor;
    vb.y = at.y - (at.y - vb.y) * factor;
    vb.w *= factor;
    vb.h *= factor;
    requestView();
  }
  function centre(n) {
    const scale = Math.min(size.w / vb.w, size.h / vb.h);
    if (scale < READABLE) { vb.w *= scale / READABLE; vb.h *= scale / READABLE; }
    // the node in the middle, but no more empty room beside the tree than needs be
    const clamp = (v, size, whole) => (size >= whole ? (whole - size) / 2 : Math.min(Math.max(v, -20), whole - size + 20));
    vb.x = clamp(n.x - vb.w / 2, vb.w, data.width + 40);
    vb.y = clamp(n.y - vb.h / 2, vb.h, data.height + 20);
    requestView();
  }
  svg.addEventListener("wheel", (e) => {
    e.preventDefault();
    zoom(Math.exp(e.deltaY * (e.deltaMode ? 0.05 : 0.0015)), toSvg(e.clientX, e.clientY));
  }, { passive: false });
  let drag = null;
  svg.addEventListener("pointerdown", (e) => {
    if (e.button !== 0) return;
    const m = svg.getScreenCTM();
    drag = { x: e.clientX, y: e.clientY, vx: vb.x, vy: vb.y, scale: m ? 1 / m.a : 1, moved: false, target: e.target, id: e.pointerId };
  });
  svg.addEventListener("pointermove", (e) => {
    if (!drag || e.pointerId !== drag.id) return;
    const dx = e.clientX - drag.x, dy = e.clientY - drag.y;
    if (!drag.moved && Math.abs(dx) + Math.abs(dy) < 4) return;
    if (!drag.moved) { drag.moved = true; svg.setPointerCapture(e.pointerId); svg.classList.add("dragging"); }
    vb.x = drag.vx - dx * drag.scale;
    vb.y = drag.vy - dy * drag.scale;
    requestView();
  });
  function endDrag(e) {
    if (!drag || e.pointerId !== drag.id) return;
    const d = drag;
    drag = null;
    svg.classList.remove("dragging");
    if (d.moved || e.type === "pointercancel") return;
    const fold = d.target.closest && d.target.closest("[data-family]");
    if (fold) { openFold(Number(fold.getAttribute("data-family"))); return; }
    const hit = d.target.closest && d.target.closest("[data-id]");
    if (hit) select(hit.getAttribute("data-id"), { centre: false });
    else clearSelection();
  }
  svg.addEventListener("pointerup", endDrag);
  svg.addEventListener("pointercancel", endDrag);
  document.getElementById("zoom-in").addEventListener("click", () => zoom(1 / 1.4, { x: vb.x + vb.w / 2, y: vb.y + vb.h / 2 }));
  document.getElementById("zoom-out").addEventListener("click", () => zoom(1.4, { x: vb.x + vb.w / 2, y: vb.y + vb.h / 2 }));
  document.getElementById("zoom-fit").addEventListener("click", fit);
  window.addEventListener("resize", () => { measure(); requestView(); });

  // ---- selection: lineage highlighting and the card ----
  function lineageOf(start, dir) {
    const seen = new Set();
    const todo = [start];
    while (todo.length) {
      const n = todo.pop();
      for (const e of dir === "up" ? n.out : n.in) {
        if (!relation.get(e.relation).lineage || !shownRelations.has(e.relation)) continue;
        const next = dir === "up" ? e.t : e.s;
        if (next !== start && !seen.has(next)) { seen.add(next); todo.push(next); }
      }
    }
    return seen;
  }

  function select(id, opts) {
    const n = byId.get(id);
    if (!n) return false;
    selected = n;
    mark();
    showCard(n);
    const hash = "#" + encodeURIComponent(n.id);
    if (location.hash !== hash) {
      try { history.replaceState(null, "", hash); } catch (err) { location.hash = hash; }
    }
    if (!opts || opts.centre !== false) centre(n);
    return true;
  }

  function clearSelection() {
    selected = null;
    mark();
    showIntro();
    if (location.hash) {
      try { history.replaceState(null, "", location.pathname + location.search); } catch (err) { location.hash = ""; }
    }
  }

  // marks every node and edge for the current selection
  function mark() {
    const n = selected;
    const up = n ? lineageOf(n, "up") : null;
    const down = n ? lineageOf(n, "down") : null;
    for (const m of nodes) {
      const g = nodeEls[m.index];
      g.setAttribute("aria-selected", m === n ? "true" : "false");
      const role = !n || m === n ? null : up.has(m) ? "ancestor" : down.has(m) ? "descendant" : null;
      if (role) g.setAttribute("data-lineage", role);
      else g.removeAttribute("data-lineage");
      g.toggleAttribute("data-dimmed", !!n && m !== n && !role);
    }
    edges.forEach((e, k) => {
      const lit = !!n && relation.get(e.relation).lineage && shownRelations.has(e.relation) &&
        (((e.s === n || up.has(e.s)) && up.has(e.t)) || ((e.t === n || down.has(e.t)) && down.has(e.s)));
      edgeEls[k].toggleAttribute("data-lit", lit);
      edgeEls[k].toggleAttribute("data-dimmed", !!n && !lit);
    });
  }

  function showIntro() {
    card.replaceChildren(
      el("h2", {}, "Family tree"),
      el("p", { class: "hint" }, fmt(data.node_count) + " nodes and " + fmt(data.edge_count) + " edges. Time runs down the left axis; each family of models is a column; colours are organizations."),
      el("p", { class: "hint" }, "Find a model with the search box or click one: its ancestors (red outline) and descendants (blue outline) stay lit, the rest is dimmed, and this card shows what is known about it, with the evidence for each of its links. Drag to pan, use the wheel to zoom. The address keeps the selection (graph.html#llama-2)."),
    );
  }

  function evidenceItem(ev) {
    const d = el("div", { class: "evidence" });
    d.appendChild(el("span", { class: "tag" }, ev.source));
    if (ev.text) { d.appendChild(el("q", {}, ev.text)); d.appendChild(document.createTextNode(" ")); }
    if (ev.file) d.appendChild(el("code", {}, ev.file + (ev.line ? ":" + ev.line : "")));
    if (ev.url) { d.appendChild(document.createTextNode(" ")); d.appendChild(link(ev.url, ev.url)); }
    return d;
  }

  function link(url, text) {
    return /^https?:\/\//i.test(url) ? el("a", { href: url, rel: "noopener noreferrer", target: "_blank" }, text) : el("span", {}, text);
  }

  function nameOf(id) {
    const n = byId.get(id);
    return n ? n.label : orgLabel.get(id) || id;
  }

  function edgeItem(n, e, outgoing) {
    const other = outgoing ? e.t : e.s;
    const li = el("li");
    const go = el("button", { type: "button", class: "go", "data-node": other.id }, other.label);
    go.addEventListener("click", () => select(other.id));
    const rel = el("span", { class: "rel" }, outgoing ? " " + e.relation + " \u2192 " : " \u2190 " + e.relation + " ");
    if (outgoing) li.append(el("span", {}, n.label), rel, go);
    else li.append(go, rel, el("span", {}, n.label));
    for (const ev of e.evidence) li.appendChild(evidenceItem(ev));
    return li;
  }

  function showCard(n) {
    const dl = el("dl");
    const row = (k, v) => { if (v !== null && v !== undefined && v !== "") { dl.appendChild(el("dt", {}, k)); const dd = el("dd"); if (typeof v === "string") dd.textContent = v; else dd.append(...v); dl.appendChild(dd); } };
    row("id", n.id);
    row("kind", n.kind);
    row("released", n.date || "");
    row("organizations", n.organizations.map(nameOf).join(", "));
    row("sizes", (n.sizes || []).join(", "));
    row("also called", n.aliases.join(", "));
    row("licence", n.licence || "");
    row("links", (n.links || []).length ? (n.links || []).flatMap((l, k) => (k ? [el("br"), l.kind + ": ", link(l.url, l.url)] : [l.kind + ": ", link(l.url, l.url)])) : "");
    const sources = el("div", { class: "src" });
    for (const ev of n.sources) sources.appendChild(evidenceItem(ev));
    const head = el("h2", {}, n.label);
    const kind = el("div", { class: "kind" }, n.kind + (n.date ? ", " + n.date : ""));
    const parts = [head, kind, dl, el("h3", {}, "Read from"), sources];
    if (nodeEls[n.index].hasAttribute("data-hidden")) parts.splice(2, 0, el("p", { class: "hint" }, "Hidden by the filters."));
    const outs = n.out.slice(), ins = n.in.slice();
    parts.push(el("h3", {}, "Links (" + (outs.length + ins.length) + ")"));
    const ul = el("ul", { class: "edges" });
    for (const e of outs) ul.appendChild(edgeItem(n, e, true));
    for (const e of ins) ul.appendChild(edgeItem(n, e, false));
    parts.push(ul);
    card.replaceChildren(...parts);
  }

  // ---- search ----
  function rank(query) {
    const q = query.trim().toLowerCase();
    if (!q) return [];
    const found = [];
    for (const n of nodes) {
      let best = 3;
      for (const name of n.names) {
        if (name === q) { best = 0; break; }
        if (name.startsWith(q)) best = Math.min(best, 1);
        else if (name.includes(q)) best = Math.min(best, 2);
      }
      if (best < 3) found.push([best, n]);
    }
    found.sort((a, b) => a[0] - b[0] || a[1].label.length - b[1].label.length || (a[1].id < b[1].id ? -1 : a[1].id > b[1].id ? 1 : 0));
    return found.map((f) => f[1]);
  }

  let matches = [];
  let active = 0;
  function showMatches() {
    matches = rank(search.value).slice(0, 12);
    active = 0;
    matchList.replaceChildren(...matches.map((n, k) => {
      const li = el("li", { role: "option", "aria-selected": k === active ? "true" : "false", "data-node": n.id }, n.label);
      li.appendChild(el("span", { class: "meta" }, n.kind + (n.date ? " " + n.date : "") + (n.label.toLowerCase() === n.id ? "" : " \u00b7 " + n.id)));
      li.addEventListener("mousedown", (e) => { e.preventDefault(); choose(n); });
      return li;
    }));
    matchList.hidden = matches.length === 0;
  }
  function choose(n) {
    matchList.hidden = true;
    select(n.id);
  }
  search.addEventListener("input", showMatches);
  search.addEventListener("keydown", (e) => {
    if (e.key === "Enter") {
      e.preventDefault();
      const found = matches.length ? matches : rank(search.value);
      if (found.length) choose(found[Math.min(active, found.length - 1)]);
      else status.textContent = "no model named \u201c" + search.value + "\u201d";
    } else if (e.key === "ArrowDown" || e.key === "ArrowUp") {
      e.preventDefault();
      if (!matches.length) return;
      active = (active + (e.key === "ArrowDown" ? 1 : matches.length - 1)) % matches.length;
      [...matchList.children].forEach((li, k) => li.setAttribute("aria-selected", k === active ? "true" : "false"));
    } else if (e.key === "Escape") {
      matchList.hidden = true;
    }
  });
  search.addEventListener("blur", () => { matchList.hidden = true; });

  // ---- filters and legend ----
  const filter = { org: "", kinds: new Set(data.kinds.map((k) => k.name)), since: 0, until: 0 };

  function monthKey(date) {
    const [y, m] = date.split("-");
    return Number(y) * 100 + Number(m || 0);
  }

  // `refit`: show what the filters keep (every change of a filter; not the first call)
  function applyFilters(refit) {
    const visible = nodes.map((n) => {
      if (!filter.kinds.has(n.kind)) return false;
      if (filter.org && (n.kind === "organization" ? n.id !== filter.org : !n.organizations.includes(filter.org))) return false;
      if (n.kind === "model" && (filter.since || filter.until)) {
        if (!n.date) return false;
        const k = monthKey(n.date);
        if ((filter.since && k < filter.since) || (filter.until && k > filter.until)) return false;
      }
      return true;
    });
    let shown = 0;
    nodes.forEach((n, k) => { nodeEls[k].toggleAttribute("data-hidden", !visible[k]); shown += visible[k] ? 1 : 0; });
    const kept = new Set(nodes.filter((n, k) => visible[k]).map((n) => n.column));
    for (const [k, f] of folds) f.el.toggleAttribute("data-hidden", !kept.has(k));
    edges.forEach((e, k) => {
      edgeEls[k].toggleAttribute("data-hidden", !(shownRelations.has(e.relation) && visible[e.s.index] && visible[e.t.index]));
    });
    status.textContent = shown === nodes.length ? fmt(nodes.length) + " nodes" : fmt(shown) + " of " + fmt(nodes.length) + " nodes shown";
    if (selected) { mark(); showCard(selected); }
    if (refit) fit();
  }

  function checkbox(checked, onChange, ...content) {
    const label = el("label");
    const box = el("input", { type: "checkbox" });
    box.checked = checked;
    box.addEventListener("change", () => { onChange(box.checked); applyFilters(true); });
    label.append(box, ...content);
    return label;
  }

  // the licence classes from the least to the most restrictive, with how many nodes have each
  function licenceLegend() {
    const ul = el("ul", { class: "orgs licences" });
    for (const { name, color: colour } of data.licence_classes) {
      const count = nodes.filter((n) => n.kind !== "organization" && (n.licence_class || "none") === name).length;
      const sw = el("span", { class: "swatch" });
      sw.style.background = colour;
      const li = el("li", { "data-licence": name }, "");
      li.append(sw, el("span", {}, name === "none" ? "no licence class known" : name), el("span", { class: "count" }, fmt(count)));
      ul.appendChild(li);
    }
    return ul;
  }

  function lineSwatch(r) {
    const s = sel("svg", { class: "legend-line", width: 34, height: 10, "aria-hidden": "true" });
    const l = sel("line", { x1: 1, y1: 5, x2: 33, y2: 5, stroke: r.color, "stroke-width": r.width + 0.5 });
    if (r.dash) l.setAttribute("stroke-dasharray", r.dash);
    s.appendChild(l);
    return s;
  }

  function kindSwatch(kind) {
    const s = sel("svg", { width: 22, height: 14, "aria-hidden": "true", class: "legend-line" });
    const r = sel("rect", { x: 1.5, y: 1.5, width: 19, height: 11, rx: kind === "organization" ? 5.5 : kind === "model" || kind === "dataset" ? 2 : 0, fill: "#eee", stroke: "#555" });
    const dash = { method: "3 1.5", application: "1 1.5" }[kind];
    if (dash) r.setAttribute("stroke-dasharray", dash);
    if (kind === "dataset") r.setAttribute("stroke-width", "2.5");
    s.appendChild(r);
    return s;
  }

  function buildFilters() {
    const nav = document.getElementById("filters");
    const orgSelect = el("select", { id: "org-filter", "aria-label": "Organization" });
    orgSelect.appendChild(el("option", { value: "" }, "every organization"));
    for (const o of data.organizations) orgSelect.appendChild(el("option", { value: o.id }, o.label + " (" + o.count + ")"));
    const orgItems = [];
    const setOrg = (id) => {
      filter.org = id;
      orgSelect.value = id;
      orgItems.forEach((li) => li.setAttribute("aria-current", li.getAttribute("data-org") === id ? "true" : "false"));
      applyFilters(true);
    };
    orgSelect.addEventListener("change", () => setOrg(orgSelect.value));
    nav.append(el("h2", {}, "Organization"), orgSelect);

    nav.appendChild(el("h2", {}, "Released (models)"));
    const since = el("input", { type: "month", id: "since", "aria-label": "Released in or after" });
    const until = el("input", { type: "month", id: "until", "aria-label": "Released in or before" });
    since.addEventListener("change", () => { filter.since = since.value ? monthKey(since.value) : 0; applyFilters(true); });
    until.addEventListener("change", () => { filter.until = until.value ? monthKey(until.value) : 0; applyFilters(true); });
    nav.append(el("label", {}, "from"), since, el("label", {}, "to"), until);

    nav.appendChild(el("h2", {}, "Kinds"));
    for (const k of data.kinds) {
      nav.appendChild(checkbox(true, (on) => { if (on) filter.kinds.add(k.name); else filter.kinds.delete(k.name); }, kindSwatch(k.name), k.name, el("span", { class: "count" }, fmt(k.count))));
    }

    nav.appendChild(el("h2", {}, "Relations"));
    for (const r of data.relations) {
      nav.appendChild(checkbox(shownRelations.has(r.name), (on) => { if (on) shownRelations.add(r.name); else shownRelations.delete(r.name); }, lineSwatch(r), r.name, el("span", { class: "count" }, fmt(r.count))));
    }

    nav.appendChild(el("h2", {}, "Selection"));
    for (const [stroke, width, text] of [["#000", 3.5, "selected"], ["#b2182b", 2.5, "ancestor (what it derives from)"], ["#2166ac", 2.5, "descendant (what derives from it)"]]) {
      const s = sel("svg", { width: 22, height: 14, "aria-hidden": "true", class: "legend-line" });
      s.appendChild(sel("rect", { x: 2, y: 2, width: 18, height: 10, rx: 2, fill: "#eee", stroke, "stroke-width": width }));
      nav.appendChild(el("label", {}, "")).append(s, text);
    }

    nav.appendChild(el("h2", {}, "Colour by"));
    const colourBy = el("select", { id: "colour-by", "aria-label": "Colour nodes by" });
    colourBy.append(el("option", { value: "organization" }, "organization"), el("option", { value: "licence" }, "licence class"));
    colourBy.addEventListener("change", () => {
      const byLicence = colourBy.value === "licence";
      svg.classList.toggle("by-licence", byLicence);
      nav.classList.toggle("by-licence-legend", byLicence);
    });
    nav.appendChild(colourBy);
    nav.appendChild(licenceLegend());

    nav.appendChild(el("h2", {}, "Organizations (colours)"));
    const ul = el("ul", { class: "orgs" });
    // the coloured organizations, most nodes first, then the others' one neutral colour
    const coloured = data.organizations.filter((o) => o.colored !== undefined).sort((a, b) => a.colored - b.colored);
    for (const o of coloured) {
      const li = el("li", { "data-org": o.id, title: "Show only " + o.label });
      const sw = el("span", { class: "swatch" });
      sw.style.background = o.color;
      li.append(sw, el("span", {}, o.label), el("span", { class: "count" }, fmt(o.count)));
      li.addEventListener("click", () => setOrg(filter.org === o.id ? "" : o.id));
      orgItems.push(li);
      ul.appendChild(li);
    }
    if (data.other[0] > 0) {
      const sw = el("span", { class: "swatch" });
      sw.style.background = data.other_color;
      ul.appendChild(el("li", { "data-other": "" }, "")).append(sw, el("span", {}, "other (" + fmt(data.other[0]) + ")"), el("span", { class: "count" }, fmt(data.other[1])));
    }
    if (nodes.some((n) => n.kind !== "organization" && n.organizations.length === 0)) {
      const sw = el("span", { class: "swatch" });
      sw.style.background = "#bbbbbb";
      ul.appendChild(el("li", {}, "")).append(sw, el("span", {}, "no organization known"));
    }
    nav.appendChild(ul);
  }

  // over the page's limit: what was drawn, what was left out and how to narrow
  function showNotice() {
    const notice = document.getElementById("notice");
    notice.hidden = false;
    notice.append(el("strong", {}, "Part of the graph: "), data.notice.join(" "));
  }

  // ---- start ----
  measure();
  draw();
  buildFilters();
  applyFilters();
  firstView();
  showIntro();
  function fromHash() {
    let id = location.hash.slice(1);
    try { id = decodeURIComponent(id); } catch (err) { /* a malformed escape: the text as it is */ }
    if (!id) return;
    if (!select(id)) {
      const found = rank(id);
      if (found.length) select(found[0].id);
    }
  }
  window.addEventListener("hashchange", fromHash);
  fromHash();
})();
