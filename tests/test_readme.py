"""The README's check table is generated: ``factcheck explain --markdown`` prints it from each rule's ``summary``
(``rules/<type>.yaml``), so a check added, or its wording changed, shows in the README only through its rule file."""

from pathlib import Path

README = Path(__file__).resolve().parent.parent / "README.md"


def readme_check_table() -> str:
    from factcheck.explain import TABLE_HEAD

    text = README.read_text(encoding="utf-8")
    start = text.index(TABLE_HEAD)
    return text[start : text.index("\n\n", start) + 1]


def test_the_readme_check_table_is_explain_markdown(run_cli):
    result = run_cli("explain", "--markdown")
    assert result.exit_code == 0, result.output
    assert readme_check_table() == result.stdout, "refresh it: make readme"


def test_every_check_has_a_row(run_cli):
    from factcheck.checks import CHECK_TYPES

    rows = run_cli("explain", "--markdown").stdout.splitlines()[2:]
    assert sorted(row.split("`")[1] for row in rows) == sorted(CHECK_TYPES)


def test_markdown_lists_every_check_only(run_cli):
    result = run_cli("explain", "vague-date", "--markdown")
    assert result.exit_code == 2 and "--markdown lists every check" in result.output


def test_make_readme_replaces_the_table_only():
    from factcheck.explain import TABLE_HEAD, with_check_table

    stale = f"# Title\n\nIntro.\n\n{TABLE_HEAD}\n|---|---|---|\n| `old` | gone | info |\n\nAfter.\n"
    fresh = f"{TABLE_HEAD}\n|---|---|---|\n| `new` | here | warning |\n"
    assert with_check_table(stale, fresh) == f"# Title\n\nIntro.\n\n{fresh}\nAfter.\n"
    readme = README.read_text(encoding="utf-8")
    assert with_check_table(readme, readme_check_table()) == readme
