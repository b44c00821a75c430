"""The newsroom workflow end to end: real git, real pre-commit, offline, the seeds as the published archive.

An editor keeps the hook switched on (`--against published --fail-on warning`
with a baseline). The archive disagrees with itself (one seed calls Murat Nurtleu
"Deputy Minister of Foreign Affairs", another "Foreign Minister"; one quote has two
wordings), and a correct draft must still pass. A draft with a wrong figure, date,
name or title is blocked, naming the draft's value and the sources; the fix passes;
a fact sheet entry settles the disputed title; and a baseline written from the
drafts folder keeps a staged draft quiet through an unrelated edit and a second
staged draft. The hook is the `language: system` variant, so nothing is installed
and nothing is downloaded.
"""

import json
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
FACTCHECK = Path(sys.executable).parent / "factcheck"
PRE_COMMIT = Path(sys.executable).parent / "pre-commit"

DRAFT = """\
---
title: Kazakhstan rebukes Lukashenko
date: 2024-08-23
---

# Kazakhstan rebukes Lukashenko

Belarusian leader Aleksandr Lukashenko criticised Kazakhstan in an interview broadcast on Russian television on August 15.

“The time is not far off when you will come to Russia and ask for support and help. There is no one else to ask,” Lukashenko said in the interview.

Foreign Minister Murat Nurtleu met the Belarusian ambassador, Pavel Utyupin, in Astana on August 21 and reminded him that Kazakhstan pursues a peaceful foreign policy.

Kazakhstan ranks second in the foreign trade of Belarus within the CIS countries, with exports to Belarus totaling $153.07 million in 2023.
"""

SECOND_DRAFT = """\
---
title: Lukashenko's remarks
date: 2024-08-24
---

# Lukashenko's remarks

Belarusian leader Aleksandr Lukashenko criticised Kazakhstan in an interview broadcast on Russian television on August 15.
"""


@pytest.fixture
def newsroom(tmp_path, cache_dir, system_hook):
    if not PRE_COMMIT.exists() or shutil.which("git") is None:
        pytest.skip("pre-commit or git not installed")
    repo = tmp_path / "newsroom"
    (repo / "published").mkdir(parents=True)
    (repo / "drafts").mkdir()
    for seed in sorted((ROOT / "seeds").iterdir()):
        shutil.copy(seed, repo / "published" / seed.name)
    (repo / ".pre-commit-config.yaml").write_text(
        system_hook(FACTCHECK, cache_dir) + "        verbose: true\n", encoding="utf-8"
    )
    env = {
        **os.environ,
        "PRE_COMMIT_HOME": str(tmp_path / "pre-commit-home"),
        "HF_HUB_OFFLINE": "1",
        "NO_COLOR": "1",
        "GIT_AUTHOR_NAME": "Editor",
        "GIT_AUTHOR_EMAIL": "editor@example.invalid",
        "GIT_COMMITTER_NAME": "Editor",
        "GIT_COMMITTER_EMAIL": "editor@example.invalid",
    }
    git(repo, "init", "-q", "-b", "main")
    git(repo, "add", ".")
    git(repo, "commit", "-q", "--no-verify", "-m", "published record")
    subprocess.run([str(PRE_COMMIT), "install"], cwd=repo, env=env, check=True, capture_output=True)
    return repo, env


def git(repo, *args):
    return subprocess.run(["git", *args], cwd=repo, capture_output=True, text=True, check=True)


def commit(repo, env, files: dict[str, str], message: str) -> subprocess.CompletedProcess:
    """Write and stage ``files`` (path -> text), then commit through the hook."""
    for name, text in files.items():
        (repo / name).write_text(text, encoding="utf-8")
        git(repo, "add", name)
    done = subprocess.run(
        ["git", "commit", "-q", "-m", message], cwd=repo, env=env, capture_output=True, text=True
    )
    done.output = done.stdout + done.stderr
    return done


def factcheck(repo, env, *args):
    return subprocess.run([str(FACTCHECK), *args], cwd=repo, env=env, capture_output=True, text=True)


def test_newsroom_workflow(newsroom, cache_dir):
    repo, env = newsroom

    # 1. A correct draft passes with --fail-on warning, though the archive disagrees with itself;
    #    the missing baseline file counts as empty, with a note. The hook shows warnings and errors only:
    #    the archive's own variants are counted on the one summary line, not printed.
    ok = commit(repo, env, {"drafts/envoy.md": DRAFT}, "correct draft")
    assert ok.returncode == 0, ok.output
    assert "baseline file not found; treating it as empty" in ok.output
    assert "info title-conflict" not in ok.output and re.search(
        r"0 error\(s\), 0 warning\(s\), 0 info; not reported: \d+ below "
        r"min severity",
        ok.output,
    ), ok.output
    assert "factcheck: 0 errors" not in ok.output  # one summary, not two

    # 2. A wrong figure, date, name or title is blocked, with the draft's value and the sources named.
    wrong = {
        "figure": (
            DRAFT.replace("$153.07 million", "$135.07 million"),
            ["number-conflict", "draft: $135.07 million", "004: $153.07 million"],
        ),
        "date": (
            DRAFT.replace("on August 15", "on August 18"),
            ["date-conflict", "draft: August 18", ": August 15"],
        ),
        "name": (
            DRAFT.replace("Murat Nurtleu", "Murat Nurtlue"),
            ["name-misspelling", "draft: Nurtlue", "001 (+2 more): Nurtleu"],
        ),
        "title": (
            DRAFT.replace("Foreign Minister Murat", "First Deputy Minister of Foreign Affairs Murat"),
            [
                "error title-conflict",
                "draft: First Deputy Minister of Foreign Affairs",
                "0 archive sources agree",
            ],
        ),
    }
    for kind, (text, expected) in wrong.items():
        blocked = commit(repo, env, {"drafts/envoy.md": text}, f"wrong {kind}")
        assert blocked.returncode != 0, (kind, blocked.output)
        for part in expected:
            assert part in blocked.output, (kind, part, blocked.output)

    # 3. The fix passes.
    fixed = commit(
        repo, env, {"drafts/envoy.md": DRAFT.replace("Astana on August 21", "Astana on 21 August")}, "fixed"
    )
    assert fixed.returncode == 0, fixed.output

    # 4. A fact sheet entry settles the disputed title: "Foreign Minister" becomes an error naming the entry,
    #    and a draft that says what the sheet says is clean.
    added = factcheck(
        repo,
        env,
        "facts",
        "add",
        "title",
        "Murat Nurtleu",
        "Deputy Minister of Foreign Affairs",
        "--since",
        "2023-01-01",
    )
    assert added.returncode == 0, added.stderr
    git(repo, "add", "facts.yaml")
    flipped = commit(
        repo, env, {"drafts/envoy.md": DRAFT.replace("in 2023.", "in 2023, officials said.")}, "fact sheet"
    )
    assert flipped.returncode != 0, flipped.output
    assert "error title-conflict" in flipped.output
    assert (
        "contradicts the fact sheet: facts.yaml: Murat Nurtleu 'Deputy Minister of Foreign Affairs'"
        in flipped.output
    )
    agreeing = DRAFT.replace("Foreign Minister Murat", "Deputy Minister of Foreign Affairs Murat")
    clean = commit(repo, env, {"drafts/envoy.md": agreeing}, "draft agrees with the fact sheet")
    assert clean.returncode == 0, clean.output
    shown = factcheck(
        repo,
        env,
        "scan",
        "drafts/envoy.md",
        "--against",
        "published",
        "--format",
        "text",
        "--cache-dir",
        str(cache_dir),
    )  # every severity, outside the hook
    assert "the fact sheet agrees with the draft" in shown.stdout, shown.stdout

    # 5. A baseline written from the drafts folder keeps the staged draft quiet through an unrelated edit
    #    and a second staged draft.
    git(repo, "rm", "-q", "facts.yaml")
    accepted = agreeing.replace("$153.07 million", "$135.07 million")
    (repo / "drafts" / "envoy.md").write_text(accepted, encoding="utf-8")
    written = factcheck(
        repo,
        env,
        "scan",
        "drafts",
        "--against",
        "published",
        "--write-baseline",
        ".factcheck-baseline.json",
        "--format",
        "json",
        "--cache-dir",
        str(cache_dir),
    )
    assert written.returncode == 0, written.stderr
    git(repo, "add", ".factcheck-baseline.json")
    baselined = commit(repo, env, {"drafts/envoy.md": accepted}, "accept the figure")
    assert baselined.returncode == 0, baselined.output
    assert "number-conflict" not in baselined.output
    edited = accepted.replace(
        "criticised Kazakhstan in an interview", "sharply criticised Kazakhstan in a television interview"
    )
    unrelated = commit(repo, env, {"drafts/envoy.md": edited}, "unrelated edit")
    assert unrelated.returncode == 0, unrelated.output
    both = commit(
        repo,
        env,
        {
            "drafts/envoy.md": edited + "\nThe ministry declined to comment further.\n",
            "drafts/remarks.md": SECOND_DRAFT,
        },
        "second draft",
    )
    assert both.returncode == 0, both.output
    # the baseline accepts that figure only: another wrong figure is blocked again
    other = commit(
        repo, env, {"drafts/envoy.md": edited.replace("$135.07 million", "$351.07 million")}, "new slip"
    )
    assert other.returncode != 0 and "draft: $351.07 million" in other.output, other.output


def test_newsroom_round_two(newsroom, cache_dir):
    """Issue 21's newsroom cases through the hook: planned months, other ladders, where a finding points, one count."""
    repo, env = newsroom

    # Item 1: a month in a planned or future clause is the next one, and settled: the draft commits.
    planned = DRAFT.replace(
        "in 2023.",
        "in 2023.\n\nNurtleu is expected to visit Minsk in December. Work on a new "
        "trade office will begin in September, and it is due to open in June.",
    )
    ok = commit(repo, env, {"drafts/envoy.md": planned}, "planned months")
    assert ok.returncode == 0 and "vague-date" not in ok.output, ok.output

    # Item 4: a title from another ladder is blocked (a warning, under --fail-on warning) unless the text holds both.
    for title in ("Prime Minister", "Deputy Prime Minister", "Ambassador", "Foreign Ministry spokesman"):
        blocked = commit(
            repo, env, {"drafts/envoy.md": planned.replace("Foreign Minister Murat", f"{title} Murat")}, title
        )
        assert blocked.returncode != 0, (title, blocked.output)
        assert (
            "warning title-unmatched" in blocked.output
            and f"draft: {title} (drafts/envoy.md;" in blocked.output
        ), blocked.output
        # Item 6: the finding is reported at the draft, the file being committed, not at the first archive file
        first = next(line for line in blocked.output.splitlines() if "title-unmatched" in line)
        assert first.startswith("drafts/envoy.md:12:"), first
    both = planned.replace("Foreign Minister Murat", "Deputy Prime Minister and Foreign Minister Murat")
    held = commit(repo, env, {"drafts/envoy.md": both}, "posts held together")
    assert held.returncode == 0, held.output

    # Item 7: one count in every format. A "Defence Minister" draft gets no support from the archive's bare "Minister".
    defence = commit(
        repo,
        env,
        {"drafts/envoy.md": planned.replace("Foreign Minister Murat", "Defence Minister Murat")},
        "defence",
    )
    assert defence.returncode != 0
    assert (
        "draft: Defence Minister (drafts/envoy.md; 0 archive sources agree, 2 disagree, 1 says less)"
        in defence.output
    )
    assert "002 (says less): Minister" in defence.output and "error title-conflict" in defence.output
    assert next(line for line in defence.output.splitlines() if "title-conflict" in line).startswith(
        "drafts/envoy.md:12:"
    )
    # the correct draft: the message, the draft line and JSON say the same split
    (repo / "drafts" / "envoy.md").write_text(planned, encoding="utf-8")
    text = factcheck(
        repo,
        env,
        "scan",
        "drafts/envoy.md",
        "--against",
        "published",
        "--format",
        "text",
        "--select",
        "title-conflict",
        "--cache-dir",
        str(cache_dir),
    ).stdout
    assert "the archive itself disagrees: 1 archive source agrees, 1 disagrees, 1 says less" in text, text
    assert (
        "draft: Foreign Minister (drafts/envoy.md; 1 archive source agrees, 1 disagrees, 1 says less)" in text
    )
    assert "vs" not in text.splitlines()[0]
    report = json.loads(
        factcheck(
            repo,
            env,
            "scan",
            "drafts/envoy.md",
            "--against",
            "published",
            "--format",
            "json",
            "--select",
            "title-conflict",
            "--cache-dir",
            str(cache_dir),
        ).stdout
    )
    (view,) = report["findings"][0]["drafts"]
    assert (view["agree_count"], view["disagree_count"], view["less_count"]) == (1, 1, 1)
    # item 6 in SARIF: the primary location is the draft
    sarif = json.loads(
        factcheck(
            repo,
            env,
            "scan",
            "drafts/envoy.md",
            "--against",
            "published",
            "--format",
            "sarif",
            "--select",
            "title-conflict",
            "--cache-dir",
            str(cache_dir),
        ).stdout
    )
    location = sarif["runs"][0]["results"][0]["locations"][0]["physicalLocation"]["artifactLocation"]
    assert location["uri"] == "drafts/envoy.md", location


def test_newsroom_figures(newsroom, cache_dir):
    """Issue 21 items 2 and 3 through the hook: a transposed digit is blocked; a figure phrased another way is compared."""
    repo, env = newsroom
    # Item 2: exact figures are compared at the precision they are written in, so one wrong digit blocks the commit.
    for wrong in ("$153.70 million", "$154.07 million"):
        blocked = commit(repo, env, {"drafts/envoy.md": DRAFT.replace("$153.07 million", wrong)}, wrong)
        assert blocked.returncode != 0 and "number-conflict" in blocked.output, (wrong, blocked.output)
    fixed = commit(repo, env, {"drafts/envoy.md": DRAFT}, "the right figure")
    assert fixed.returncode == 0, fixed.output

    # Item 3: "a $4.6 million library" and "the $4.6 million building" in the archive, "will cost $4.2 million" in the draft.
    story = "---\\ntitle: {title}\\ndate: 2025-03-0{day}\\n---\\n\\n{body}\\n"
    (repo / "published" / "library-a.md").write_text(
        story.format(
            title="Riverside library approved",
            day=3,
            body=(
                "The Riverside town council approved a $4.6 million library on Monday after a long debate. Mayor Ellen Ashworth "
                "said the library on Mill Street would open in two years."
            ),
        ).replace("\\n", "\n"),
        encoding="utf-8",
    )
    (repo / "published" / "library-b.md").write_text(
        story.format(
            title="Library plan passes",
            day=4,
            body=(
                "Riverside councillors backed the $4.6 million building for the new Mill Street library, Mayor Ellen Ashworth "
                "said on Tuesday."
            ),
        ).replace("\\n", "\n"),
        encoding="utf-8",
    )
    git(repo, "add", "published")
    git(repo, "commit", "-q", "--no-verify", "-m", "library stories")
    draft = story.format(
        title="Riverside library",
        day=5,
        body=(
            "The new Mill Street library in Riverside will cost $4.2 million, Mayor Ellen Ashworth said after the council "
            "vote."
        ),
    ).replace("\\n", "\n")
    (repo / "drafts" / "library.md").write_text(draft, encoding="utf-8")
    report = json.loads(
        factcheck(
            repo,
            env,
            "scan",
            "drafts/library.md",
            "--against",
            "published",
            "--format",
            "json",
            "--fail-on",
            "never",
            "--cache-dir",
            str(cache_dir),
        ).stdout
    )
    found = [f for f in report["findings"] if f["check"] == "number-conflict"]
    assert found and {"$4.2 million", "$4.6 million"} <= set(found[0]["values"]), report["findings"]
