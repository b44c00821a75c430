"""The pre-commit flow end to end, offline: a conflicting draft is blocked, then accepted.

A newsroom repository with published/ and drafts/ gets a local hook (the
``language: system`` variant from the README) that runs this checkout's factcheck
against published/. No network: nothing is installed by pre-commit.
"""

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

FACTCHECK = Path(sys.executable).parent / "factcheck"
PRE_COMMIT = Path(sys.executable).parent / "pre-commit"

PUBLISHED = "Summit in Astana\nPublished: 2024-08-23\nForeign Minister Murat Nurtleu met the Belarusian ambassador in Astana.\n"
DRAFT_BAD = "# Envoy summoned\n\nKazakhstan's Deputy Minister of Foreign Affairs, Murat Nurtleu, met the Belarusian ambassador.\n"
TAG = "v0.2.0"  # the release the README tells a newsroom to pin
DRAFT_FIXED = (
    "# Envoy summoned\n\nKazakhstan's Foreign Minister, Murat Nurtleu, met the Belarusian ambassador.\n"
)


def git(repo, *args, check=True):
    return subprocess.run(["git", *args], cwd=repo, capture_output=True, text=True, check=check)


@pytest.fixture
def newsroom(tmp_path, cache_dir, system_hook):
    if not PRE_COMMIT.exists() or shutil.which("git") is None:
        pytest.skip("pre-commit or git not installed")
    repo = tmp_path / "newsroom"
    (repo / "published").mkdir(parents=True)
    (repo / "drafts").mkdir()
    (repo / "published" / "summit.txt").write_text(PUBLISHED, encoding="utf-8")
    (repo / ".pre-commit-config.yaml").write_text(system_hook(FACTCHECK, cache_dir), encoding="utf-8")
    (repo / ".factcheck-baseline.json").write_text(
        '{"schema": "factcheck-baseline/2", "findings": []}\n', encoding="utf-8"
    )
    env = {
        **os.environ,
        "PRE_COMMIT_HOME": str(tmp_path / "pre-commit-home"),
        "HF_HUB_OFFLINE": "1",
        "GIT_AUTHOR_NAME": "Editor",
        "GIT_AUTHOR_EMAIL": "editor@example.invalid",
        "GIT_COMMITTER_NAME": "Editor",
        "GIT_COMMITTER_EMAIL": "editor@example.invalid",
    }
    git(repo, "init", "-q", "-b", "main")
    git(repo, "config", "user.name", "Editor")
    git(repo, "config", "user.email", "editor@example.invalid")
    git(repo, "add", ".")
    git(repo, "commit", "-q", "--no-verify", "-m", "published record")
    subprocess.run([str(PRE_COMMIT), "install"], cwd=repo, env=env, check=True, capture_output=True)
    return repo, env, cache_dir


def commit(repo, env, message):
    return subprocess.run(
        ["git", "commit", "-q", "-m", message], cwd=repo, env=env, capture_output=True, text=True
    )


def test_conflicting_draft_is_blocked_then_allowed_after_the_fix(newsroom):
    repo, env, _ = newsroom
    (repo / "drafts" / "envoy.md").write_text(DRAFT_BAD, encoding="utf-8")
    git(repo, "add", "drafts/envoy.md")
    blocked = commit(repo, env, "draft")
    assert blocked.returncode != 0
    assert "title-conflict" in blocked.stdout + blocked.stderr
    (repo / "drafts" / "envoy.md").write_text(DRAFT_FIXED, encoding="utf-8")
    git(repo, "add", "drafts/envoy.md")
    allowed = commit(repo, env, "draft, fixed")
    assert allowed.returncode == 0, allowed.stdout + allowed.stderr


def test_conflicting_draft_is_allowed_after_baselining(newsroom):
    repo, env, cache_dir = newsroom
    (repo / "drafts" / "envoy.md").write_text(DRAFT_BAD, encoding="utf-8")
    git(repo, "add", "drafts/envoy.md")
    assert commit(repo, env, "draft").returncode != 0
    subprocess.run(
        [
            str(FACTCHECK),
            "scan",
            "drafts/envoy.md",
            "--against",
            "published",
            "--write-baseline",
            ".factcheck-baseline.json",
            "--format",
            "text",
            "--cache-dir",
            str(cache_dir),
        ],
        cwd=repo,
        env=env,
        check=True,
        capture_output=True,
    )
    git(repo, "add", ".factcheck-baseline.json", "drafts/envoy.md")
    allowed = commit(repo, env, "draft, accepted")
    assert allowed.returncode == 0, allowed.stdout + allowed.stderr


def test_the_hook_installs_with_language_python_from_a_tag_of_a_local_clone(tmp_path, cache_dir):
    """`.pre-commit-hooks.yaml` as a newsroom uses it: `repo:` a copy of this repository, `rev:` the release tag.

    pre-commit clones the tag and builds its own virtualenv with pip; PIP_CONSTRAINT
    pins torch to the CPU build (constraints.txt), and pip takes every package from
    its cache or the package index, so nothing but the index is reached.
    """
    if not PRE_COMMIT.exists() or shutil.which("git") is None:
        pytest.skip("pre-commit or git not installed")
    root = Path(__file__).resolve().parent.parent
    clone = tmp_path / "factcheck"
    subprocess.run(["git", "clone", "-q", str(root), str(clone)], check=True, capture_output=True)
    if git(clone, "tag", "--list", TAG).stdout.strip() != TAG:
        git(clone, "tag", TAG)  # a checkout without tags (a CI clone): tag its head as a release would
    repo = tmp_path / "newsroom"
    (repo / "published").mkdir(parents=True)
    (repo / "drafts").mkdir()
    (repo / "published" / "summit.txt").write_text(PUBLISHED, encoding="utf-8")
    (repo / ".pre-commit-config.yaml").write_text(
        "repos:\n"
        f"  - repo: {clone}\n"
        f"    rev: {TAG}\n"
        "    hooks:\n"
        "      - id: factcheck\n"
        "        args: [--against, published, --fail-on, warning]\n"
        "        files: ^drafts/\n",
        encoding="utf-8",
    )
    env = {
        **os.environ,
        "PRE_COMMIT_HOME": str(tmp_path / "pre-commit-home"),
        "HF_HUB_OFFLINE": "1",
        "PIP_CONSTRAINT": str(clone / "constraints.txt"),
        "FACTCHECK_CACHE_DIR": str(cache_dir),
        "GIT_AUTHOR_NAME": "Editor",
        "GIT_AUTHOR_EMAIL": "editor@example.invalid",
        "GIT_COMMITTER_NAME": "Editor",
        "GIT_COMMITTER_EMAIL": "editor@example.invalid",
    }
    git(repo, "init", "-q", "-b", "main")
    git(repo, "add", ".")
    git(repo, "commit", "-q", "--no-verify", "-m", "published record")
    subprocess.run([str(PRE_COMMIT), "install"], cwd=repo, env=env, check=True, capture_output=True)
    (repo / "drafts" / "envoy.md").write_text(DRAFT_BAD, encoding="utf-8")
    git(repo, "add", "drafts/envoy.md")
    blocked = commit(repo, env, "draft")
    assert blocked.returncode != 0
    assert "title-conflict" in blocked.stdout + blocked.stderr, blocked.stdout + blocked.stderr
    assert list((tmp_path / "pre-commit-home").glob("repo*/py_env-*/bin/factcheck")), (
        "the hook's own virtualenv"
    )
    (repo / "drafts" / "envoy.md").write_text(DRAFT_FIXED, encoding="utf-8")
    git(repo, "add", "drafts/envoy.md")
    allowed = commit(repo, env, "draft, fixed")
    assert allowed.returncode == 0, allowed.stdout + allowed.stderr


def test_every_rev_the_docs_name_is_a_tag_of_this_repository():
    # A newsroom copies `rev:` from the README; a rev that is not a tag fails its first `pre-commit install`.
    root = Path(__file__).resolve().parent.parent
    if shutil.which("git") is None or git(root, "rev-parse", "--git-dir", check=False).returncode != 0:
        pytest.skip("not a git checkout (an sdist or a wheel has no tags)")
    named = set()
    for doc in (root / "README.md", root / ".pre-commit-hooks.yaml"):
        named |= set(re.findall(r"\brev:\s*([\w.\-]+)", doc.read_text(encoding="utf-8")))
    assert TAG in named, named
    tags = set(git(root, "tag", "--list").stdout.split())
    if not tags:
        pytest.skip("this clone carries no tags at all (a CI or shallow clone); the release repository does")
    assert named <= tags, f"the docs name rev(s) {sorted(named - tags)} that are not tags (git tag {TAG})"
