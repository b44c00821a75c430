import sys

import pytest

from factcheck.checks import CHECK_TYPES
from factcheck.rules import RuleError, default_rules_dir, load_rules


def write(tmp_path, text, name="r.yaml"):
    (tmp_path / name).write_text(text, encoding="utf-8")
    return tmp_path


def test_shipped_rules_load():
    rules = load_rules([default_rules_dir()], CHECK_TYPES)
    assert {"title-conflict", "name-misspelling", "vague-date"} <= {r.id for r in rules.rules}
    assert rules.lexicon("titles")["ranks"]["deputy minister"]["ladder"] == "minister"


@pytest.mark.parametrize(
    "text, message",
    [
        ("id: x\nseverity: error\nmessage: m\n", "missing key 'extends'"),
        ("id: x\nextends: nope\nseverity: error\nmessage: m\n", "key 'extends' names unknown type 'nope'"),
        ("id: x\nextends: vague-date\nseverity: loud\nmessage: m\n", "key 'severity' must be one of"),
        ("id: x\nextends: vague-date\nseverity: info\nmessage: m\nbogus: 1\n", "unknown key 'bogus'"),
        (
            "id: x\nextends: vague-date\nseverity: info\nmessage: m\nsettle_future_days: many\n",
            "key 'settle_future_days' must be a int",
        ),
        ("extends: boilerplate\nlines: nope\n", "key 'lines' must be a list"),
        ("extends: [unclosed\n", "not valid YAML"),
    ],
)
def test_loader_names_the_file_and_key(tmp_path, text, message):
    folder = write(tmp_path, text)
    with pytest.raises(RuleError) as exc:
        load_rules([folder], CHECK_TYPES)
    assert str(tmp_path / "r.yaml") in str(exc.value)
    assert message in str(exc.value)


def test_user_rules_extend_lexicons_and_override_rules(tmp_path):
    write(tmp_path, "extends: boilerplate\nlines: ['subscribe now']\n", "bp.yaml")
    write(
        tmp_path,
        "id: vague-date\nextends: vague-date\nseverity: error\nmessage: m\nsettle_future_days: 5\n",
        "vd.yaml",
    )
    rules = load_rules([default_rules_dir(), tmp_path], CHECK_TYPES)
    lines = rules.lexicon("boilerplate")["lines"]
    assert "subscribe now" in lines and "post a comment" in lines
    (vd,) = [r for r in rules.rules if r.id == "vague-date"]
    assert vd.severity == "error" and vd.params.settle_future_days == 5


def test_a_placeholder_typo_in_a_message_is_an_error_naming_the_file(tmp_path):
    import pytest as _pytest

    from factcheck.checks import CHECK_TYPES
    from factcheck.rules import RuleError, default_rules_dir, load_rules

    (tmp_path / "vague-date.yaml").write_text(
        'id: vague-date\nextends: vague-date\nseverity: warning\nmessage: "Vague: {reasn}"\n',
        encoding="utf-8",
    )
    with _pytest.raises(RuleError, match=r"vague-date.yaml: key 'message' names unknown field \{reasn\}"):
        load_rules([default_rules_dir(), tmp_path], CHECK_TYPES)


def test_no_rule_file_lists_an_entry_twice():
    """A word listed twice is a sign of two edits that did not see each other (issue 23)."""
    import collections
    from pathlib import Path

    import yaml

    repeated = []

    def walk(value, where):
        if isinstance(value, dict):
            for key, inner in value.items():
                walk(inner, f"{where}/{key}")
        elif isinstance(value, list):
            counts = collections.Counter(str(v).lower() for v in value if not isinstance(v, (list, dict)))
            repeated.extend(f"{where}: {v}" for v, n in counts.items() if n > 1)
            for inner in value:
                walk(inner, where)

    for path in sorted((Path(__file__).parent.parent / "rules").glob("*.yaml")):
        walk(yaml.safe_load(path.read_text(encoding="utf-8")), path.name)
    assert repeated == []


def test_every_parameter_a_check_reads_is_stated_in_its_shipped_rule_file():
    """Defaults are stated once, in rules/<type>.yaml, and typed once, in the check's ``Params``: the two name the
    same keys, and every ``self.params.key`` a check reads is one of them (an AttributeError mid-scan otherwise)."""
    import inspect
    import re

    from factcheck.rules import param_types

    for name, cls in CHECK_TYPES.items():
        declared = param_types(cls)
        assert list(declared) == list(cls.defaults), name  # same keys, in the shipped file's order
        source = inspect.getsource(sys.modules[cls.__module__])
        read = set(re.findall(r"params\.(\w+)", source))
        assert read, name
        assert read <= set(declared), (name, sorted(read - set(declared)))


def test_a_check_class_states_no_parameter_values_of_its_own():
    import inspect
    import re

    for name, cls in CHECK_TYPES.items():
        assert not re.search(r"^\s+defaults\s*=", inspect.getsource(cls), re.MULTILINE), (
            f"{name}: parameters belong in rules/{name}.yaml"
        )


@pytest.mark.parametrize("kind", ["sentences", "numbers", "published"])
def test_a_lexicon_read_without_a_rule_set_comes_from_the_shipped_file_alone(tmp_path, kind):
    """The splitter, the figure reader and the publication-date reader run with no rule set at hand: their
    words are the shipped file's (``rules.shipped_lexicon``), and a newsroom folder extending them is refused
    at load, naming the file, rather than silently ignored."""
    from factcheck.rules import shipped_lexicon

    assert all(shipped_lexicon(kind).values())  # every key of the shipped file holds words
    folder = write(tmp_path, f"extends: {kind}\n", f"{kind}.yaml")
    with pytest.raises(
        RuleError, match=rf"{kind}.yaml: key 'extends': the '{kind}' lexicon is read from the shipped"
    ):
        load_rules([default_rules_dir(), folder], CHECK_TYPES)


def test_settle_days_is_stated_once():
    """How near the publication date a yearless date settles is one value, in rules/claims.yaml: claim
    extraction and vague-date read it there (issue 23)."""
    from factcheck.rules import shipped_parameters

    assert "settle_days" not in shipped_parameters("vague-date")
    rules = load_rules([default_rules_dir()], CHECK_TYPES)
    assert rules.lexicon("claims")["settle_days"] == 31


def test_rule_parameters_are_read_into_the_check_types_typed_params():
    rules = load_rules([default_rules_dir()], CHECK_TYPES)
    for rule in rules.rules:
        params = rule.params
        assert isinstance(params, CHECK_TYPES[rule.extends].Params), rule.id
        assert vars(params) == CHECK_TYPES[rule.extends].defaults, rule.id


@pytest.mark.parametrize(
    "check, line, message",
    [
        ("vague-date", "planned: [1]", "key 'planned[0]' must be a str, got int"),
        ("vague-date", "anchor_sentences: 1.5", "key 'anchor_sentences' must be a int, got float"),
        ("title-conflict", "compare_countries: 1", "key 'compare_countries' must be a bool, got int"),
        ("date-conflict", "phases: {election: runoff}", "key 'phases.election' must be a list, got str"),
        ("quote-mismatch", "spelling: {ise: [ize]}", "key 'spelling.ise' must be a str, got list"),
        ("quote-mismatch", "loose_severity: loud", "key 'loose_severity' must be one of"),
        (
            "quote-mismatch",
            "reordered_message: '{speakr}'",
            "key 'reordered_message' names unknown field {speakr}",
        ),
        (
            "number-conflict",
            "zero_message: '{zero:>99999}'",
            "key 'zero_message' may only hold plain {name} fields",
        ),
    ],
)
def test_a_mistyped_parameter_is_a_load_error_naming_the_file_and_key(tmp_path, check, line, message):
    folder = write(tmp_path, f"id: {check}\nextends: {check}\n{line}\n")
    with pytest.raises(RuleError) as exc:
        load_rules([default_rules_dir(), folder], CHECK_TYPES)
    assert str(tmp_path / "r.yaml") in str(exc.value) and message in str(exc.value)


def test_a_float_parameter_takes_a_whole_number(tmp_path):
    folder = write(tmp_path, "id: number-conflict\nextends: number-conflict\nclose_values: 1\n")
    (rule,) = [
        r for r in load_rules([default_rules_dir(), folder], CHECK_TYPES).rules if r.id == "number-conflict"
    ]
    assert rule.params.close_values == 1


def test_a_parameter_no_rule_file_sets_is_a_load_error_naming_the_file_and_key(tmp_path, monkeypatch):
    """A key the check's Params declares that neither the rule file nor the shipped one states is caught at load."""
    cls = CHECK_TYPES["vague-date"]
    monkeypatch.setattr(cls, "defaults", {k: v for k, v in cls.defaults.items() if k != "recent_days"})
    folder = write(tmp_path, "id: strict-dates\nextends: vague-date\nseverity: info\nmessage: m\n")
    with pytest.raises(RuleError, match=r"r.yaml: missing key 'recent_days'"):
        load_rules([folder], CHECK_TYPES)


def test_a_shipped_key_the_check_does_not_declare_is_a_load_error(tmp_path):
    folder = write(
        tmp_path, "id: vague-date\nextends: vague-date\nseverity: info\nmessage: m\nsettle_days: 5\n"
    )
    with pytest.raises(RuleError, match=r"r.yaml: unknown key 'settle_days' for check type 'vague-date'"):
        load_rules([folder], CHECK_TYPES)
