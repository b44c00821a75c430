"""The HTML report: one self-contained static page, for opening from disk or a CI artefact.

- Inline CSS and a few lines of vanilla JavaScript; nothing is fetched. A strict
  Content-Security-Policy (``default-src 'none'``, the style and the script
  allowed by their sha256 only) means that even a tag that slipped through
  escaping could neither run nor load anything.
- A summary bar counts findings by severity and check and filters them by
  severity, check and story (check boxes, so the keyboard works; without
  JavaScript every finding stays shown and the filters stay hidden).
- One card per finding. Where the sources disagree they stand side by side in
  columns, one per document, each sentence with its value highlighted and the
  differing words in bold, and a word diff between the values when they are
  long (quotes). A click on a place (a native ``<details>``) shows the sentence
  in its paragraph.
- Light and dark themes follow the system; printing drops the controls.
- Severity is a word and a shape as well as a colour; headings are real headings.

Everything from an article or a file name is HTML-escaped after control
characters are made visible (``escapes.visible``).
"""

from __future__ import annotations

import base64
import hashlib
import html

from ..models import SEVERITIES, Document, Report
from ..escapes import one_line
from .view import Item, Piece, Row, Story, View, diff_marks, paragraph, plural, view, word_diff

ICONS = {"error": "■", "warning": "▲", "info": "●"}
DIFF_WORDS = 4  # values at least this long get a word diff (quotes)
DIFFED = ("quote-mismatch",)  # checks whose values are wordings of one text, so a word diff means something


def esc(text: object) -> str:
    """Text made inert in HTML, in an element or an attribute: controls shown as escapes, then entities."""
    return html.escape(one_line(str(text)), quote=True)


STYLE = """
:root{color-scheme:light dark;--bg:#fff;--fg:#1f2328;--muted:#59636e;--line:#d1d9e0;--card:#f6f8fa;--mark:#fff3b0;
--error:#b3261e;--warning:#8a5a00;--info:#0b5cad;--ins:#dafbe1;--del:#ffebe9;--focus:#0969da}
@media (prefers-color-scheme:dark){:root{--bg:#0d1117;--fg:#e6edf3;--muted:#9198a1;--line:#3d444d;--card:#151b23;
--mark:#5c4a00;--error:#ff7b72;--warning:#e3b341;--info:#79c0ff;--ins:#033a16;--del:#67060c;--focus:#4493f8}}
*{box-sizing:border-box}
body{margin:0;background:var(--bg);color:var(--fg);font:15px/1.5 system-ui,-apple-system,"Segoe UI",Roboto,sans-serif}
header,main,footer{max-width:1200px;margin:0 auto;padding:0 24px}
h1{font-size:1.6rem;margin:24px 0 4px}h2{font-size:1.25rem;margin:28px 0 8px}
h3{font-size:1.05rem;margin:0 0 6px}h4{font-size:.9rem;margin:0 0 6px;word-break:break-all}
.muted,.id{color:var(--muted)}.id{font-size:.85rem;margin:6px 0 0}
code{font:.85em ui-monospace,SFMono-Regular,Menlo,Consolas,monospace}
.bar{border-bottom:1px solid var(--line);padding:8px 0}
.counts{display:flex;flex-wrap:wrap;gap:6px 16px;margin:0;padding:0;list-style:none}
.filters{display:flex;flex-wrap:wrap;gap:8px 20px;margin-top:6px}
fieldset{border:1px solid var(--line);border-radius:6px;margin:0;padding:4px 10px;min-width:0;max-width:100%}
legend{font-weight:600;font-size:.85rem;padding:0 4px}
fieldset label{margin-right:12px;display:inline-block;max-width:100%;overflow-wrap:anywhere;font-size:.9rem}
button{font:inherit;font-size:.85rem;padding:2px 10px;border:1px solid var(--line);border-radius:6px;background:var(--card);color:var(--fg);cursor:pointer}
:focus-visible{outline:3px solid var(--focus);outline-offset:2px}
.sev{font-weight:700;white-space:nowrap}.sev.error{color:var(--error)}.sev.warning{color:var(--warning)}.sev.info{color:var(--info)}
.card{background:var(--card);border:1px solid var(--line);border-left:6px solid var(--line);border-radius:6px;padding:12px 16px;margin:12px 0}
.card.error{border-left-color:var(--error)}.card.warning{border-left-color:var(--warning)}.card.info{border-left-color:var(--info)}
.message{margin:4px 0}.suggestion{margin:6px 0 0}
.columns{display:grid;grid-template-columns:repeat(auto-fit,minmax(260px,1fr));gap:12px;margin-top:8px}
.source{border:1px solid var(--line);border-radius:6px;padding:8px 10px;background:var(--bg)}
.places{margin:8px 0 0;padding:0;list-style:none}.places li{margin:0 0 8px}
.sentence{margin:2px 0 0}.says{margin:0}
mark{background:var(--mark);color:inherit;padding:0 2px;border-radius:2px}
mark b{text-decoration:underline;text-decoration-thickness:2px}
ins{background:var(--ins);text-decoration:underline}del{background:var(--del);text-decoration:line-through}
.diff{margin:8px 0 0;padding:6px 10px;border-left:3px solid var(--line)}
details>summary{cursor:pointer;color:var(--focus);width:fit-content}
.paragraph{margin:4px 0 0;padding:6px 10px;border-left:3px solid var(--mark);color:var(--muted)}
.paragraph mark{color:var(--fg)}
.table{overflow-x:auto;margin:8px 0 24px}table{border-collapse:collapse;width:100%}
th,td{border:1px solid var(--line);padding:4px 8px;text-align:left;vertical-align:top}td code{overflow-wrap:anywhere}
td.date{white-space:nowrap}
@media (max-width:600px){header,main,footer{padding:0 12px}.card{padding:10px 10px}}
[hidden]{display:none!important}
.js .counts{display:none}
@media print{:root{--bg:#fff;--fg:#000;--card:#fff;--muted:#333;--mark:#fff3b0}.js .counts{display:flex}
.filters{display:none!important}.card{break-inside:avoid}details>summary{color:#000}header,main,footer{max-width:none;padding:0}}
"""

SCRIPT = """
(function () {
  var form = document.getElementById("filters");
  var cards = Array.prototype.slice.call(document.querySelectorAll("article.card"));
  var stories = Array.prototype.slice.call(document.querySelectorAll("section.story"));
  var shown = document.getElementById("shown");
  function chosen(name) {
    var set = Object.create(null);
    form.querySelectorAll("input[name='" + name + "']").forEach(function (box) { if (box.checked) set[box.value] = true; });
    return set;
  }
  function apply() {
    var severity = chosen("severity"), check = chosen("check"), story = chosen("story"), n = 0;
    cards.forEach(function (card) {
      var on = severity[card.dataset.severity] && check[card.dataset.check] && story[card.dataset.story];
      card.hidden = !on;
      if (on) n += 1;
    });
    stories.forEach(function (section) { section.hidden = !section.querySelector("article.card:not([hidden])"); });
    shown.textContent = n + " of " + cards.length + " findings shown";
  }
  form.addEventListener("change", apply);
  document.getElementById("all").addEventListener("click", function () {
    form.querySelectorAll("input[type=checkbox]").forEach(function (box) { box.checked = true; });
    apply();
  });
  form.hidden = false;
  document.body.classList.add("js");
  apply();
})();
"""


def _sha256(text: str) -> str:
    return "sha256-" + base64.b64encode(hashlib.sha256(text.encode("utf-8")).digest()).decode("ascii")


CSP = (
    "default-src 'none'; style-src '{style}'; script-src '{script}'; img-src 'none'; font-src 'none'; "
    "connect-src 'none'; media-src 'none'; object-src 'none'; frame-src 'none'; base-uri 'none'; form-action 'none'"
)


def severity(sev: str) -> str:
    return f'<span class="sev {sev}"><span aria-hidden="true">{ICONS[sev]}</span> {sev}</span>'


def _pieces(ps: list[Piece]) -> str:
    return " ".join("…" if p.gap else f"<b>{esc(p.text)}</b>" if p.differs else esc(p.text) for p in ps)


def _sentence(row: Row) -> str:
    """The whole sentence, its value highlighted and the value's differing words in bold."""
    text = " ".join(row.evidence.text.split())
    value = row.value or row.evidence.value or ""
    i = text.lower().find(" ".join(value.split()).lower()) if value.strip() else -1
    if i < 0:
        return esc(text)
    j = i + len(" ".join(value.split()))
    inner = _pieces(row.whole) if row.whole else esc(text[i:j])
    return f"{esc(text[:i])}<mark>{inner}</mark>{esc(text[j:])}"


def _place(row: Row, docs: dict[str, Document], show_path: bool) -> str:
    before, sentence, after = paragraph(docs.get(row.evidence.document), row.evidence.text)
    where = (
        f"{row.path}:{row.evidence.line}:{row.evidence.column}"
        if show_path
        else f"line {row.evidence.line}:{row.evidence.column}"
    )
    also = (
        f" (also at {'line' if len(row.also) == 1 else 'lines'} {', '.join(map(str, row.also))})"
        if row.also
        else ""
    )
    return (
        f"<li><details><summary><code>{esc(where)}</code>{esc(also)}</summary>"
        f'<p class="paragraph">{esc(before)}<mark>{esc(sentence)}</mark>{esc(after)}</p></details>'
        f'<p class="sentence">{_sentence(row)}</p></li>'
    )


def _diffs(item: Item) -> str:
    """A word diff between quoted wordings, its legend naming the source of each; nothing for other values
    (a date, a title: their words are not a text to compare)."""
    values = item.values
    if (
        not item.conflict
        or item.finding.check not in DIFFED
        or max(len(v.split()) for v in values) < DIFF_WORDS
    ):
        return ""
    source = {}
    for r in item.rows:
        if r.value:
            source.setdefault(r.value, r.path)
    out = []
    for other in values[1:]:
        parts = []
        for op, text in word_diff(values[0], other):
            parts.append(
                esc(text)
                if op == "="
                else f"<del>{esc(text)}</del>"
                if op == "-"
                else f"<ins>{esc(text)}</ins>"
            )
        legend = f"<del>{esc(source.get(values[0], 'first wording'))}</del> <ins>{esc(source.get(other, 'other wording'))}</ins>"
        out.append(f'<p class="diff"><span class="muted">Word diff ({legend}):</span> {" ".join(parts)}</p>')
    return "".join(out)


def marked(message: str) -> str:
    """A message, escaped, with a check's word-diff marks ("[-off-] {+away+}") drawn as <del> and <ins>."""
    return "".join(
        esc(text) if op == "=" else f"<del>{esc(text)}</del>" if op == "-" else f"<ins>{esc(text)}</ins>"
        for op, text in diff_marks(message)
    )


def card(item: Item, docs: dict[str, Document]) -> str:
    f = item.finding
    head = (
        f'<article class="card {f.severity}" id="{item.anchor}" data-severity="{f.severity}" '
        f'data-check="{esc(f.check)}" data-story="{item.story}" aria-labelledby="{item.anchor}-h">'
        f'<h3 id="{item.anchor}-h">{item.number}. {severity(f.severity)} · {esc(f.check)} · {esc(f.subject)}</h3>'
        f'<p class="message">{marked(f.message)}</p>'
    )
    body = []
    if f.timeline:
        # A moving figure: one row per report, in time order.
        shown = {r.evidence.document: r.path for r in item.rows}
        body.append(
            '<table class="timeline"><thead><tr><th scope="col">as of</th><th scope="col">value</th>'
            '<th scope="col">where</th></tr></thead><tbody>'
            + "".join(
                f"<tr><td>{esc(s['time'])}</td><td>{esc(s['value'])}</td>"
                f"<td><code>{esc(shown.get(s['document'], s['document']))}:{s['line']}</code></td></tr>"
                for s in f.timeline
            )
            + "</tbody></table>"
        )
    if item.conflict:
        by_doc: dict[str, list[Row]] = {}
        for row in item.rows:
            by_doc.setdefault(row.path, []).append(row)
        body.append('<div class="columns">')
        for path, rows in by_doc.items():
            first: dict[str, Row] = {}
            for r in rows:
                if r.value:
                    first.setdefault(r.value, r)
            said = " and ".join(f"<mark>{_pieces(r.pieces)}</mark>" for r in first.values())
            body.append(
                f'<section class="source"><h4>{esc(path)}</h4>'
                + (f'<p class="says">writes {said}</p>' if first else "")
                + '<ul class="places">'
                + "".join(_place(r, docs, False) for r in rows)
                + "</ul></section>"
            )
        body.append("</div>")
        body.append(_diffs(item))
    elif item.rows:
        body.append('<ul class="places">' + "".join(_place(r, docs, True) for r in item.rows) + "</ul>")
    tail = (
        f'<p class="suggestion"><strong>Suggestion:</strong> {esc(f.suggestion)}</p>' if f.suggestion else ""
    )
    tail += f'<p class="id">id <code>{esc(f.id)}</code></p></article>'
    return head + "".join(body) + tail


def _boxes(name: str, legend: str, options: list[tuple[str, str, int]]) -> str:
    labels = "".join(
        f'<label><input type="checkbox" name="{name}" value="{esc(value)}" checked> {label} ({n})</label>'
        for value, label, n in options
    )
    return f"<fieldset><legend>{legend}</legend>{labels}</fieldset>"


def render(report: Report, color: bool = False) -> str:
    v: View = view(report)
    docs = {d.path: d for d in report.documents}
    items = v.items
    s = report.summary()
    checks = sorted({f.check for f in report.findings})
    counts = "".join(f"<li>{severity(sev)} {s[sev]}</li>" for sev in reversed(SEVERITIES))
    counts += "".join(
        f"<li><code>{esc(c)}</code> {sum(1 for f in report.findings if f.check == c)}</li>" for c in checks
    )
    filters = _filters(report, v, s, checks)
    total = sum(report.sentence_counts.values())
    intro = (
        f"{plural(len(report.documents), 'document')}, {plural(total, 'sentence')}: {plural(s['error'], 'error')}, "
        f"{plural(s['warning'], 'warning')}, {s['info']} info."
        + (f" Paths are relative to <code>{esc(v.root)}/</code>." if v.root else "")
    )
    aside = ", ".join(f"{n} {k.replace('_', ' ')}" for k, n in sorted(report.set_aside.items()) if n)
    out = [
        f'<header><h1>factcheck report</h1><p class="muted">{intro}'
        + (f" Not reported: {esc(aside)}." if aside else "")
        + "</p>",
        f'<nav class="bar" aria-label="Summary and filters"><ul class="counts">{counts}</ul>',
        f'<form id="filters" class="filters" hidden>{filters}<div><button type="button" id="all">Show all</button> '
        f'<span id="shown" role="status" aria-live="polite">{len(items)} of {len(items)} findings shown</span></div></form></nav></header>',
        "<main>",
    ]
    if report.errors or report.warnings:
        out.append(_problems(report))
    if not items:
        out.append("<p>No findings.</p>")
    for story in v.stories:
        if not story.items:
            continue
        out += _story_section(story, v, docs)
    out.append("</main>")
    out.append(_documents_footer(report, v))
    csp = CSP.format(style=_sha256(STYLE), script=_sha256(SCRIPT))
    head = (
        '<!DOCTYPE html>\n<html lang="en"><head><meta charset="utf-8">'
        f'<meta http-equiv="Content-Security-Policy" content="{csp}">'
        '<meta name="referrer" content="no-referrer"><meta name="viewport" content="width=device-width, initial-scale=1">'
        '<meta name="color-scheme" content="light dark"><meta name="generator" content="factcheck">'
        f"<title>factcheck report</title><style>{STYLE}</style></head><body>"
    )
    return head + "\n".join(out) + f"<script>{SCRIPT}</script></body></html>\n"


def _filters(report: Report, v: View, s: dict, checks: list[str]) -> str:
    """The filter boxes: by severity, by check and by story, each with its count of findings."""
    return (
        _boxes("severity", "Severity", [(sev, severity(sev), s[sev]) for sev in reversed(SEVERITIES)])
        + _boxes(
            "check",
            "Check",
            [(c, f"<code>{esc(c)}</code>", sum(1 for f in report.findings if f.check == c)) for c in checks],
        )
        + _boxes(
            "story",
            "Story",
            [
                (str(st.number), f"{st.number}. {esc(_short(st.title))}", len(st.items))
                for st in v.stories
                if st.items
            ],
        )
    )


def _problems(report: Report) -> str:
    """The section listing files not read (errors) and files read with a warning."""
    return (
        '<section aria-labelledby="files"><h2 id="files">Files not read or read with a warning</h2><ul>'
        + "".join(f"<li><strong>error:</strong> {esc(e)}</li>" for e in report.errors)
        + "".join(f"<li><strong>warning:</strong> {esc(w)}</li>" for w in report.warnings)
        + "</ul></section>"
    )


def _story_section(story: Story, v: View, docs: dict[str, Document]) -> list[str]:
    """One story's section: its heading, label and documents, then a card per finding."""
    out = [
        f'<section class="story" data-story="{story.number}" aria-labelledby="story-{story.number}">'
        f'<h2 id="story-{story.number}">Story {story.number}: {esc(story.title)}</h2>'
        + (f'<p class="muted story-label">{esc(story.label)}</p>' if story.label else "")
        + f'<p class="muted">{plural(len(story.paths), "document")}: '
        + ", ".join(f"<code>{esc(v.path(p))}</code>" for p in story.paths)
        + "</p>"
    ]
    out += [card(item, docs) for item in story.items]
    out.append("</section>")
    return out


def _documents_footer(report: Report, v: View) -> str:
    """The footer's table of documents: path, title, date and number of sentences."""
    rows = "".join(
        f"<tr><td><code>{esc(v.path(d.path))}</code></td><td>{esc(d.title or '(no title)')}</td>"
        f'<td class="date">{esc(d.date or "undated")}</td><td>{report.sentence_counts.get(d.path, 0)}</td></tr>'
        for d in sorted(report.documents, key=lambda d: d.path)
    )
    # the table scrolls inside its own box on a phone, so the page itself is never wider than the screen
    return (
        '<footer><h2 id="documents">Documents</h2><div class="table"><table><thead><tr><th scope="col">document</th>'
        '<th scope="col">title</th><th scope="col">date</th><th scope="col">sentences</th></tr></thead>'
        f"<tbody>{rows}</tbody></table></div></footer>"
    )


def _short(title: str, limit: int = 40) -> str:
    return title if len(title) <= limit else title[:limit].rsplit(" ", 1)[0] + "…"
