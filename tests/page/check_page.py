"""Checks graph.html in Debian's Chromium through Playwright, offline: run by tests/page.rs.

Usage: check_page.py CONFIG.json, where the config names the pages to open and what to expect:

  {"bundled": {"html": ..., "json": ..., "ancestors": [...], "descendants": [...]},
   "big": {"html": ..., "nodes": N, "deep": ID},
   "over": {"html": ...},
   "screenshot": PATH (optional)}

Every request but the page's own file:// one is aborted, and any such attempt fails the check;
so does a console error or an uncaught exception. Prints one line per check passed; exits 1
with the reason on the first failure.
"""

import json
import os
import re
import sys
import time

from playwright.sync_api import sync_playwright


class Failure(Exception):
    pass


def expect(cond, what):
    if not cond:
        raise Failure(what)
    print("ok:", what.split(":")[0])


class Browser:
    """One Chromium with every request but the opened file blocked and every error kept."""

    def __init__(self, pw):
        self.browser = pw.chromium.launch(executable_path="/usr/bin/chromium")
        self.outside = []  # requests other than the page itself
        self.errors = []  # console errors and uncaught exceptions

    def open(self, path, fragment="", viewport=None):
        url = "file://" + path
        context = self.browser.new_context(viewport=viewport or {"width": 1600, "height": 1000})
        page = context.new_page()

        def route(r):
            if r.request.url.split("#")[0] == url:
                r.continue_()
            else:
                self.outside.append(r.request.url)
                r.abort()

        page.route("**/*", route)
        page.on("request", lambda req: None if req.url.split("#")[0] == url else self.outside.append(req.url))
        page.on("console", lambda m: self.errors.append(m.text) if m.type == "error" else None)
        page.on("pageerror", lambda e: self.errors.append(str(e)))
        page.goto(url + fragment)
        return page

    def clean(self, what):
        expect(not self.errors, f"{what}: no console error: {self.errors}")
        expect(not self.outside, f"{what}: no request but the file itself: {self.outside}")


def attr(page, node_id, name):
    return page.get_attribute(f'[data-id="{node_id}"]', name)


def search(page, text):
    page.fill("input[type=search]", text)
    page.press("input[type=search]", "Enter")


def check_bundled(b, c):
    graph = json.load(open(c["json"]))
    ids = {n["id"] for n in graph["nodes"]}
    for needed in ["code-llama", "llama-2", "llama", "codellama-70b", "qwen", "alpaca", "meta-ai", "alibaba-cloud"]:
        expect(needed in ids, f"{needed} in the export: {sorted(ids)[:20]}")
    page = b.open(c["html"])
    page.wait_for_selector("[data-id]", state="attached")
    drawn = page.eval_on_selector_all("[data-id]", "els => els.map(e => e.getAttribute('data-id'))")
    expect(sorted(drawn) == sorted(ids), f"every node drawn once: {len(drawn)} drawn, {len(ids)} exported")

    search(page, "Code Llama")
    expect(attr(page, "code-llama", "aria-selected") == "true", "search selects code-llama")
    expect(page.locator('[aria-selected="true"][data-id]').count() == 1, "one node selected")
    expect(page.url.endswith("#code-llama"), f"the fragment follows the selection: {page.url}")
    sentence = next(
        e["evidence"]["text"]
        for e in graph["edges"]
        if e["source"] == "code-llama" and e["target"] == "llama-2"
    )
    card = page.inner_text("[data-card]")
    expect(sentence in card, f"the card shows the evidence of the edge to llama-2: {sentence!r} in {card!r}")
    for a in ["llama-2", "llama"]:
        expect(attr(page, a, "data-lineage") == "ancestor", f"{a} is an ancestor")
    expect(attr(page, "codellama-70b", "data-lineage") == "descendant", "codellama-70b is a descendant")
    expect(attr(page, "qwen", "data-dimmed") is not None, "qwen is dimmed")
    marked = page.eval_on_selector_all(
        "[data-id]",
        "els => els.map(e => [e.getAttribute('data-id'), e.getAttribute('data-lineage'), e.hasAttribute('data-dimmed')])",
    )
    ancestors = sorted(i for i, role, _ in marked if role == "ancestor")
    descendants = sorted(i for i, role, _ in marked if role == "descendant")
    expect(ancestors == sorted(c["ancestors"]), f"ancestors as llmkg ancestors says: {ancestors} vs {c['ancestors']}")
    expect(descendants == sorted(c["descendants"]), f"descendants as llmkg descendants says: {descendants}")
    dimmed = sorted(i for i, role, d in marked if d)
    expect(dimmed == sorted(ids - set(ancestors) - set(descendants) - {"code-llama"}), "everything else dimmed")

    search(page, "codellama")  # an alias, in another case
    expect(attr(page, "code-llama", "aria-selected") == "true", "an alias finds code-llama")
    search(page, "qwen2.")  # a prefix: the shortest name first
    expect(attr(page, "qwen2.5", "aria-selected") == "true", "a prefix finds qwen2.5")

    page.click("#zoom-fit")
    page.click('[data-id="alpaca"]')
    expect(attr(page, "alpaca", "aria-selected") == "true", "a click selects alpaca")
    expect(attr(page, "code-llama", "aria-selected") == "false", "and unselects code-llama")

    box = page.get_attribute("#tree", "viewBox")
    page.mouse.move(900, 500)
    page.mouse.wheel(0, -400)
    page.wait_for_timeout(100)
    zoomed = page.get_attribute("#tree", "viewBox")
    expect(float(zoomed.split()[2]) < float(box.split()[2]), f"the wheel zooms in: {box} -> {zoomed}")
    page.mouse.move(900, 500)
    page.mouse.down()
    page.mouse.move(700, 400, steps=5)
    page.mouse.up()
    page.wait_for_timeout(100)
    panned = page.get_attribute("#tree", "viewBox")
    expect(panned.split()[:2] != zoomed.split()[:2] and panned.split()[2:] == zoomed.split()[2:], f"a drag pans: {zoomed} -> {panned}")
    expect(attr(page, "alpaca", "aria-selected") == "true", "a drag selects nothing")

    check_filters(page, graph)
    b.clean("bundled page")

    page = b.open(c["html"], "#alpaca")
    page.wait_for_selector('[data-id="alpaca"][aria-selected="true"]', state="attached")
    expect(attr(page, "alpaca", "aria-selected") == "true", "graph.html#alpaca selects alpaca")
    expect("Alpaca" in page.inner_text("[data-card]"), "and shows its card")
    if c.get("screenshot"):
        search(page, "Code Llama")
        page.wait_for_timeout(200)
        page.screenshot(path=c["screenshot"])
    b.clean("page opened at #alpaca")

    page = b.open(c["html"], "#%E0%A4%A")  # a malformed escape selects nothing and throws nothing
    page.wait_for_selector("[data-id]", state="attached")
    expect(page.locator('[aria-selected="true"][data-id]').count() == 0, "a bad fragment selects nothing")
    b.clean("page opened at a bad fragment")
    check_policy(b, c)


def check_policy(b, c):
    """The page's policy runs its own script and style by hash and refuses injected code."""
    html = open(c["html"], encoding="utf-8").read()
    policy = re.search(r'http-equiv="Content-Security-Policy" content="([^"]*)"', html).group(1)
    expect("unsafe-inline" not in policy and "script-src 'sha256-" in policy, f"the policy allows inline code by hash only: {policy}")
    hostile = html.replace("</body>", "<script>window.injected = true;</script></body>", 1)
    path = os.path.join(os.path.dirname(c["html"]), "injected.html")
    open(path, "w", encoding="utf-8").write(hostile)
    page = b.open(path)
    page.wait_for_selector("[data-id]", state="attached")
    expect(page.evaluate("window.injected === undefined"), "an injected inline script does not run")
    expect(page.locator("[data-id]").count() > 40, "while the page's own script draws the tree")
    refused = [e for e in b.errors if "Content Security Policy" in e]
    expect(refused, f"the browser reports the refusal: {b.errors}")
    b.errors[:] = [e for e in b.errors if e not in refused]
    b.clean("page with an injected script")


def visible_ids(page):
    return set(
        page.eval_on_selector_all(
            "[data-id]",
            "els => els.filter(e => getComputedStyle(e).display !== 'none').map(e => e.getAttribute('data-id'))",
        )
    )


def check_filters(page, graph):
    ids = {n["id"] for n in graph["nodes"]}
    made = {e["source"] for e in graph["edges"] if e["relation"] == "developed_by" and e["target"] == "alibaba-cloud"}
    page.select_option("#org-filter", "alibaba-cloud")
    shown = visible_ids(page)
    expect(shown == made | {"alibaba-cloud"}, f"the organization filter keeps Alibaba Cloud and what it made: {sorted(shown)}")
    expect(not page.is_visible('[data-id="llama"]'), "and hides llama")
    page.select_option("#org-filter", "")
    expect(visible_ids(page) == ids, "every organization again")
    methods = {n["id"] for n in graph["nodes"] if n["kind"] == "method"}
    box = page.get_by_role("checkbox", name="method")
    box.uncheck()
    expect(visible_ids(page) == ids - methods, "unchecking the method kind hides the methods")
    box.check()
    page.fill("#since", "2024-01")
    page.dispatch_event("#since", "change")
    old = {n["id"] for n in graph["nodes"] if n["kind"] == "model" and n.get("released", "") < "2024-01"}
    expect(old and visible_ids(page) == ids - old, "a date filter hides older models")
    page.fill("#since", "")
    page.dispatch_event("#since", "change")
    expect(visible_ids(page) == ids, "no filter again")


IN_VIEW = """() => {
  const r = document.getElementById('tree').getBoundingClientRect();
  const inside = (b) => b.right > r.left && b.left < r.right && b.bottom > r.top && b.top < r.bottom;
  const nodes = [...document.querySelectorAll('[data-id]')]
    .filter((g) => getComputedStyle(g).display !== 'none' && inside(g.getBoundingClientRect()))
    .map((g) => { const t = g.querySelector('text'); const b = g.getBoundingClientRect();
                  return { id: g.getAttribute('data-id'), top: b.top, label: t ? t.getBoundingClientRect().height : 0 }; });
  const bands = [...document.querySelectorAll('rect.band')].map((e) => e.getBoundingClientRect())
    .filter((b) => inside(b)).map((b) => ({ top: Math.max(b.top, r.top), bottom: Math.min(b.bottom, r.bottom) }));
  return { nodes, bands, height: r.height };
}"""


def check_merged(b, c):
    """The page of a merged graph opens on something readable; fit after a filter; colours."""
    data = json.load(open(c["json"]))
    page = b.open(c["html"])
    page.wait_for_selector("[data-id]", state="attached")
    page.wait_for_timeout(300)
    if c.get("screenshot"):
        page.screenshot(path=c["screenshot"])
    view = page.evaluate(IN_VIEW)
    readable = [n for n in view["nodes"] if n["label"] >= 10]
    expect(len(readable) >= 10, f"the first view shows at least 10 nodes with labels 10 px high or more: {len(readable)}")
    # no band without a node in view fills the view (the 1950s sit far above the models)
    for band in view["bands"]:
        empty = not any(band["top"] <= n["top"] <= band["bottom"] for n in view["nodes"])
        expect(not (empty and band["bottom"] - band["top"] > view["height"] / 2), f"no empty band fills the view: {band}")
    # the largest organization, filtered then fitted: its nodes readable
    org = page.evaluate("JSON.parse(document.getElementById('graph-data').textContent).organizations[0]")
    page.select_option("#org-filter", org["id"])
    page.click("#zoom-fit")
    page.wait_for_timeout(300)
    made = {e["source"] for e in data["edges"] if e["relation"] == "developed_by" and e["target"] == org["id"]}
    view = page.evaluate(IN_VIEW)
    shown = [n for n in view["nodes"] if n["id"] in made and n["label"] >= 10]
    expect(len(shown) >= min(5, len(made)), f"fit after filtering {org['id']} shows its nodes readable: {len(shown)} of {len(made)}")
    expect(all(n["id"] in made or n["id"] == org["id"] for n in view["nodes"]), "and only them")
    # the largest organizations have distinct colours, the legend lists them and the others
    legend = page.eval_on_selector_all(
        "ul.orgs li[data-org]", "els => els.map(e => [e.getAttribute('data-org'), getComputedStyle(e.querySelector('.swatch')).backgroundColor])"
    )
    colours = {c for _, c in legend}
    expect(len(legend) == min(12, c["organizations"]) and len(colours) == len(legend), f"{len(legend)} organizations in {len(colours)} colours: {legend}")
    if c["organizations"] > 12:
        other = page.inner_text("ul.orgs li[data-other]")
        expect(other.startswith(f"other ({c['organizations'] - 12})"), f"the legend counts the others: {other}")
    b.clean("merged page")
    check_folds(b, c)


FOLD = """(k) => {
  const r = document.getElementById('tree').getBoundingClientRect();
  const box = document.querySelector(`[data-family="${k}"]`);
  const b = box.getBoundingClientRect();
  const data = JSON.parse(document.getElementById('graph-data').textContent);
  const members = [...document.querySelectorAll('[data-id]')]
    .filter((g) => data.nodes.find((n) => n.id === g.getAttribute('data-id')).column === k);
  const text = box.querySelector('text');
  return { shown: getComputedStyle(box).display !== 'none', inside: b.left >= r.left && b.right <= r.right && b.top >= r.top && b.bottom <= r.bottom,
           text: text.textContent, px: Math.min(text.getBoundingClientRect().height, text.getBoundingClientRect().width),
           visible: members.filter((g) => getComputedStyle(g).display !== 'none').length, members: members.length };
}"""


def check_folds(b, c):
    """Zoomed out from the first view, the largest family is one box with its name and size; a
    click opens it."""
    page = b.open(c["html"])
    page.wait_for_selector("[data-id]", state="attached")
    column = page.evaluate("JSON.parse(document.getElementById('graph-data').textContent).columns[0]")
    fold = None
    for _ in range(16):
        page.click("#zoom-out")
        page.wait_for_timeout(60)
        fold = page.evaluate(FOLD, 0)
        if fold["shown"] and fold["inside"]:
            break
    expect(fold["shown"] and fold["inside"], f"zoomed out, the largest family is one box in view: {fold}")
    size = f"({column['members']:,})"
    expect(column["label"] in fold["text"] and size in fold["text"] and fold["px"] >= 10,
           f"labelled with its name and size, readable: {fold['text']!r} {fold['px']:.1f} px, want {column['label']} {size}")
    expect(fold["visible"] == 0, f"and none of its {fold['members']} nodes drawn apart: {fold['visible']}")
    page.click('[data-family="0"]')
    page.wait_for_timeout(200)
    opened = page.evaluate(FOLD, 0)
    expect(not opened["shown"] and opened["visible"] == opened["members"], f"a click opens it: its nodes drawn again: {opened}")
    b.clean("folded families")


def check_big(b, c):
    start = time.monotonic()
    page = b.open(c["html"])
    page.wait_for_function(f"document.querySelectorAll('[data-id]').length === {c['nodes']}")
    opened = time.monotonic() - start
    expect(page.locator("[data-id]").count() == c["nodes"], f"{c['nodes']} nodes drawn")
    start = time.monotonic()
    search(page, c["deep"])
    page.wait_for_selector(f'[data-id="{c["deep"]}"][aria-selected="true"]', state="attached")
    selected = time.monotonic() - start
    expect(page.locator("[data-lineage=ancestor]").count() > 0, "a deep node has ancestors lit")
    loaded = page.evaluate("performance.getEntriesByType('navigation')[0].loadEventEnd") / 1000
    print(
        f"figure: {c['nodes']}-node page: script done {loaded:.2f} s after navigation started "
        f"({opened:.2f} s with a fresh browser context), a search and selection {selected:.2f} s"
    )
    b.clean("big page")


def check_over(b, c):
    page = b.open(c["html"])
    page.wait_for_selector("[data-notice]", state="visible")
    text = page.inner_text("[data-notice]")
    expect("--family" in text and "left out" in text, f"the notice says what was left out and how to narrow: {text}")
    drawn = page.locator("[data-id]").count()
    expect(0 < drawn <= 5000, f"what fits is drawn: {drawn}")
    b.clean("page over the limit")


def check_licences(b, c):
    """Colour by licence class: each class its own fill, the legend counts each class."""
    page = b.open(c["html"])
    page.wait_for_selector("[data-id]", state="attached")
    fill = "(id) => getComputedStyle(document.querySelector(`[data-id='${id}'] rect`)).fill"
    before = {i: page.evaluate(fill, i) for i in c["classes"]}
    page.select_option("#colour-by", "licence")
    after = {i: page.evaluate(fill, i) for i in c["classes"]}
    for node_id, cls in c["classes"].items():
        expect(after[node_id] == c["colours"][cls], f"{node_id} ({cls}) is filled {c['colours'][cls]}: {after[node_id]}")
    expect(before != after, f"the organization colours were the fills before: {before}")
    legend = page.evaluate("""() => [...document.querySelectorAll('.licences li')].filter((li) => li.offsetParent)
        .map((li) => [li.dataset.licence, li.querySelector('.count').textContent])""")
    expect(dict(legend) == c["counts"], f"the legend counts each class: {legend}")
    orgs = page.evaluate("() => [...document.querySelectorAll('.orgs:not(.licences) li')].some((li) => li.offsetParent)")
    expect(not orgs, "the organizations' legend gives way to the licences'")
    page.select_option("#colour-by", "organization")
    expect({i: page.evaluate(fill, i) for i in c["classes"]} == before, "back to the organization colours")
    b.clean("licences")
    print("licences: each class its colour, the legend counts them")


def main():
    config = json.load(open(sys.argv[1]))
    with sync_playwright() as pw:
        b = Browser(pw)
        try:
            if "bundled" in config:
                check_bundled(b, config["bundled"])
            if "merged" in config:
                check_merged(b, config["merged"])
            if "licences" in config:
                check_licences(b, config["licences"])
            if "big" in config:
                check_big(b, config["big"])
            if "over" in config:
                check_over(b, config["over"])
        except Failure as f:
            print("FAILED:", f)
            sys.exit(1)
        finally:
            b.browser.close()


if __name__ == "__main__":
    main()
