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

import os
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
        system_hook(FACTCHECK, cache_dir) + "        verbose: true\n",
        encoding="utf-8")
    env = {**os.environ, "PRE_COMMIT_HOME": str(tmp_path / "pre-commit-home"), "HF_HUB_OFFLINE": "1", "NO_COLOR": "1",
           "GIT_AUTHOR_NAME": "Editor", "GIT_AUTHOR_EMAIL": "editor@example.invalid",
           "GIT_COMMITTER_NAME": "Editor", "GIT_COMMITTER_EMAIL": "editor@example.invalid"}
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
    done = subprocess.run(["git", "commit", "-q", "-m", message], cwd=repo, env=env, capture_output=True, text=True)
    done.output = done.stdout + done.stderr
    return done


def factcheck(repo, env, *args):
    return subprocess.run([str(FACTCHECK), *args], cwd=repo, env=env, capture_output=True, text=True)


def test_newsroom_workflow(newsroom, cache_dir):
    repo, env = newsroom

    # 1. A correct draft passes with --fail-on warning, though the archive disagrees with itself;
    #    the missing baseline file counts as empty, with a note.
    ok = commit(repo, env, {"drafts/envoy.md": DRAFT}, "correct draft")
    assert ok.returncode == 0, ok.output
    assert "baseline file not found; treating it as empty" in ok.output
    assert "info title-conflict" in ok.output and "the archive itself disagrees" in ok.output
    assert "draft: Foreign Minister" in ok.output

    # 2. A wrong figure, date, name or title is blocked, with the draft's value and the sources named.
    wrong = {
        "figure": (DRAFT.replace("$153.07 million", "$135.07 million"),
                   ["number-conflict", "draft: $135.07 million", "004: $153.07 million"]),
        "date": (DRAFT.replace("on August 15", "on August 18"),
                 ["date-conflict", "draft: August 18", ": August 15"]),
        "name": (DRAFT.replace("Murat Nurtleu", "Murat Nurtlue"),
                 ["name-misspelling", "draft: Nurtlue", "001 (+2 more): Nurtleu"]),
        "title": (DRAFT.replace("Foreign Minister Murat", "First Deputy Minister of Foreign Affairs Murat"),
                  ["error title-conflict", "draft: First Deputy Minister of Foreign Affairs", "0 archive source(s) agree"]),
    }
    for kind, (text, expected) in wrong.items():
        blocked = commit(repo, env, {"drafts/envoy.md": text}, f"wrong {kind}")
        assert blocked.returncode != 0, (kind, blocked.output)
        for part in expected:
            assert part in blocked.output, (kind, part, blocked.output)

    # 3. The fix passes.
    fixed = commit(repo, env, {"drafts/envoy.md": DRAFT.replace("Astana on August 21", "Astana on 21 August")}, "fixed")
    assert fixed.returncode == 0, fixed.output

    # 4. A fact sheet entry settles the disputed title: "Foreign Minister" becomes an error naming the entry,
    #    and a draft that says what the sheet says is clean.
    added = factcheck(repo, env, "facts", "add", "title", "Murat Nurtleu", "Deputy Minister of Foreign Affairs",
                      "--since", "2023-01-01")
    assert added.returncode == 0, added.stderr
    git(repo, "add", "facts.yaml")
    flipped = commit(repo, env, {"drafts/envoy.md": DRAFT.replace("in 2023.", "in 2023, officials said.")}, "fact sheet")
    assert flipped.returncode != 0, flipped.output
    assert "error title-conflict" in flipped.output
    assert "contradicts the fact sheet: facts.yaml: Murat Nurtleu 'Deputy Minister of Foreign Affairs'" in flipped.output
    agreeing = DRAFT.replace("Foreign Minister Murat", "Deputy Minister of Foreign Affairs Murat")
    clean = commit(repo, env, {"drafts/envoy.md": agreeing}, "draft agrees with the fact sheet")
    assert clean.returncode == 0, clean.output
    assert "the fact sheet agrees with the draft" in clean.output

    # 5. A baseline written from the drafts folder keeps the staged draft quiet through an unrelated edit
    #    and a second staged draft.
    git(repo, "rm", "-q", "facts.yaml")
    accepted = agreeing.replace("$153.07 million", "$135.07 million")
    (repo / "drafts" / "envoy.md").write_text(accepted, encoding="utf-8")
    written = factcheck(repo, env, "scan", "drafts", "--against", "published", "--write-baseline", ".factcheck-baseline.json",
                        "--format", "json", "--cache-dir", str(cache_dir))
    assert written.returncode == 0, written.stderr
    git(repo, "add", ".factcheck-baseline.json")
    baselined = commit(repo, env, {"drafts/envoy.md": accepted}, "accept the figure")
    assert baselined.returncode == 0, baselined.output
    assert "number-conflict" not in baselined.output
    edited = accepted.replace("criticised Kazakhstan in an interview", "sharply criticised Kazakhstan in a television interview")
    unrelated = commit(repo, env, {"drafts/envoy.md": edited}, "unrelated edit")
    assert unrelated.returncode == 0, unrelated.output
    both = commit(repo, env, {"drafts/envoy.md": edited + "\nThe ministry declined to comment further.\n",
                              "drafts/remarks.md": SECOND_DRAFT}, "second draft")
    assert both.returncode == 0, both.output
    # the baseline accepts that figure only: another wrong figure is blocked again
    other = commit(repo, env, {"drafts/envoy.md": edited.replace("$135.07 million", "$351.07 million")}, "new slip")
    assert other.returncode != 0 and "draft: $351.07 million" in other.output, other.output
