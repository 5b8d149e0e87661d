#!/usr/bin/env python3
"""How each rule's cost grows with a page's size: finds rules that are quadratic on hostile pages.

Usage: bench/scaling.py [path/to/smolsp] [--n N] [--only TEXT]

For each shape of page (one kind of tag repeated, or a whole head repeated, in HTML, Razor and Liquid), checks the
page at N and 4N repetitions with every rule on and prints the time ratio: about 4 is linear, 16 is quadratic. A
shape whose ratio is over 8 is checked again one rule at a time, to name the rule. Time is wall clock of the real
binary, start-up included (so small pages read as better than linear); this is a search tool, not a test.
"""
import os, subprocess, sys, tempfile, time

SMOLSP = next((a for i, a in enumerate(sys.argv[1:], 1) if not a.startswith("--") and sys.argv[i - 1] not in ("--n", "--only")), None) \
    or os.path.join(os.path.dirname(__file__), "..", "server", "SmoLsp.Server", "bin", "Release", "net10.0", "smolsp")
N = int(sys.argv[sys.argv.index("--n") + 1]) if "--n" in sys.argv else 5000
ONLY = sys.argv[sys.argv.index("--only") + 1] if "--only" in sys.argv else ""

def meta(key, value="x"):
    attribute = "name" if key.startswith("twitter:") or ":" not in key else "property"
    return f'<meta {attribute}="{key}" content="{value}">\n'

KEYS = ["og:title", "og:description", "og:image", "og:image:url", "og:image:secure_url", "og:image:width", "og:image:height",
        "og:image:type", "og:image:alt", "og:url", "og:type", "og:site_name", "og:locale", "og:locale:alternate", "og:video",
        "og:audio", "article:published_time", "article:author", "article:tag", "fb:app_id", "fb:admins", "twitter:card",
        "twitter:site", "twitter:creator", "twitter:title", "twitter:description", "twitter:image", "twitter:image:alt",
        "twitter:player", "description", "og:tilte", "og:imag"]
VALUES = {"og:image": "/img/card.png", "twitter:image": "/img/card.png", "og:image:url": "/img/card.png", "og:url": "https://a.example/p",
          "og:image:width": "1200", "og:image:height": "630", "og:type": "article", "twitter:card": "summary_large_image",
          "article:published_time": "2024-01-01", "twitter:site": "@a", "og:locale": "en_US"}
HEAD = "".join(meta(k, VALUES.get(k, "Some words here")) for k in KEYS) + \
    '<title>A title of a decent length for a page</title>\n<link rel="canonical" href="https://a.example/p">\n' \
    '<link rel="me" href="https://mastodon.social/@a">\n<a href="https://x.com/a">x</a>\n' \
    '<script type="application/ld+json">{"@type":"Article","headline":"h","image":"/img/card.png"}</script>\n'

def page(head, ext):
    if ext == ".cshtml":
        return "@page\n<!doctype html><html><head>\n" + head + "</head><body></body></html>\n"
    return "<!doctype html><html><head>\n" + head + "</head><body></body></html>\n"

SHAPES = {f"{k} x n": (lambda n, k=k: meta(k, VALUES.get(k, "Some words here")) * n, ".html") for k in KEYS}
SHAPES.update({
    "whole head x n": (lambda n: HEAD * (n // 20), ".html"),
    "og:image then n properties": (lambda n: meta("og:image", "/img/card.png") + (meta("og:image:url", "/img/card.png") + meta("og:image:alt", "a")) * (n // 2), ".html"),
    "<title> x n": (lambda n: "<title>t</title>\n" * n, ".html"),
    "rel=me links x n": (lambda n: "".join(f'<a rel="me" href="https://x.com/u{i}">x</a>\n' for i in range(n)), ".html"),
    "@if/else og:image x n": (lambda n: '@if (a) { <meta property="og:image" content="/img/a.png"> } else { <meta property="og:image" content="/img/b.png"> }\n' * (n // 2), ".cshtml"),
    "Razor expressions x n": (lambda n: '<meta property="og:title" content="@Model.Title">\n<meta name="description" content="@ViewData["D"]">\n' * (n // 2), ".cshtml"),
    "{% if %} og:image x n": (lambda n: '{% if a %}<meta property="og:image" content="/img/a.png">{% else %}<meta property="og:image" content="{{ b }}">{% endif %}\n' * (n // 2), ".html"),
    "@if/else if chain x n": (lambda n: "@if (a0) { <meta property=\"og:title\" content=\"t\"> }\n" + "".join(f'else if (a{i}) {{ <meta property="og:title" content="t{i}"> }}\n' for i in range(1, n // 2)), ".cshtml"),
    "@section x n": (lambda n: "".join(f'@section S{i} {{ <meta property="og:title" content="t"> }}\n' for i in range(n // 2)), ".cshtml"),
    "<partial> x n": (lambda n: '<partial name="_Head" />\n' * n, ".cshtml"),
    "{% include %} x n": (lambda n: '{% include "head.html" %}\n' * n, ".html"),
    "{% block %} x n": (lambda n: "".join(f"{{% block b{i} %}}<meta property=\"og:title\" content=\"t\">{{% endblock %}}\n" for i in range(n // 2)), ".html"),
    "nested {% if %} x n": (lambda n: "{% if a %}{% if not a %}<title>t</title>" * (n // 4) + "{% endif %}{% endif %}" * (n // 4), ".html"),
    "one long URL": (lambda n: '<meta property="og:image" content="https://a.example/' + "a/" * (n * 10) + '.png">\n', ".html"),
    "nested divs x n": (lambda n: "<div>" * n + "</div>" * n, ".html"),
    "JSON-LD x n": (lambda n: '<script type="application/ld+json">{"@type":"Article","image":"/img/card.png"}</script>\n' * n, ".html"),
})

def run(path, *rules):
    args = [SMOLSP, "check", path, "--format", "json"] + [a for r in rules for a in ("--rule", r)]
    start = time.perf_counter()
    subprocess.run(args, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, timeout=600)
    return time.perf_counter() - start

def rule_ids():
    out = subprocess.run([SMOLSP, "rules"], capture_output=True, text=True).stdout
    return [line.split()[0] for line in out.splitlines() if line.startswith("SMO") and not line.startswith("SMO90")]

with tempfile.TemporaryDirectory() as site:
    os.makedirs(os.path.join(site, "wwwroot", "img"))
    open(os.path.join(site, "smolsp.json"), "w").write('{"webRoot": "wwwroot"}')
    # A real 1200x630 PNG header is all the image rules read.
    import struct, zlib
    png = b"\x89PNG\r\n\x1a\n" + struct.pack(">I", 13) + b"IHDR" + struct.pack(">IIBBBBB", 1200, 630, 8, 2, 0, 0, 0)
    open(os.path.join(site, "wwwroot", "img", "card.png"), "wb").write(png + struct.pack(">I", zlib.crc32(png[12:])))
    print(f"{'shape':40} {'n':>7} {'t(n)':>7} {'t(4n)':>7} ratio")
    for name, (make, ext) in SHAPES.items():
        if ONLY not in name:
            continue
        times = []
        for n in (N, 4 * N):
            path = os.path.join(site, "page" + ext)
            open(path, "w").write(page(make(n), ext))
            times.append(run(path))
        ratio = times[1] / times[0]
        print(f"{name:40} {N:>7} {times[0]:7.2f} {times[1]:7.2f} {ratio:5.1f}{'  <-- superlinear' if ratio > 8 else ''}", flush=True)
        if ratio > 8:
            for rule in rule_ids():
                alone = run(path, "*=off", f"{rule}=warning")
                if alone > 2 * run(path, "*=off"):
                    print(f"    {rule} alone: {alone:.2f} s", flush=True)
