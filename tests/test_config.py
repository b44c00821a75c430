import pytest

from factcheck.config import ConfigError, load_settings


def test_pyproject_table_then_flags(tmp_path):
    (tmp_path / ".git").mkdir()  # the project root: the walk up from a/b stops here
    (tmp_path / "pyproject.toml").write_text(
        "[tool.factcheck]\nthreshold = 0.7\nfail-on = 'warning'\n", encoding="utf-8"
    )
    sub = tmp_path / "a" / "b"
    sub.mkdir(parents=True)
    s = load_settings({"fail_on": "info"}, start=sub)
    assert s.threshold == 0.7 and s.origin("threshold") == str(tmp_path / "pyproject.toml")
    assert s.fail_on == "info" and s.origin("fail_on") == "command line"


def test_model_path_from_factcheck_toml(tmp_path):
    (tmp_path / "factcheck.toml").write_text("model = '/models/other'\n", encoding="utf-8")
    assert load_settings(start=tmp_path).model == "/models/other"


@pytest.mark.parametrize(
    "body, key",
    [("colour = 1\n", "colour"), ("threshold = 'high'\n", "threshold"), ("fail-on = 'loud'\n", "fail-on")],
)
def test_bad_config_names_the_key(tmp_path, body, key):
    (tmp_path / "factcheck.toml").write_text(body, encoding="utf-8")
    with pytest.raises(ConfigError, match=f"'{key}'"):
        load_settings(start=tmp_path)


def test_loaded_settings_are_frozen_and_rules_flags_add_to_the_config(tmp_path):
    import pytest as _pytest

    from factcheck.config import load_settings

    (tmp_path / ".git").mkdir()
    (tmp_path / "factcheck.toml").write_text('rules = ["house"]\n', encoding="utf-8")
    s = load_settings({"rules": ("extra",)}, start=tmp_path)
    assert s.rules == [str((tmp_path / "house").resolve()), "extra"]
    with _pytest.raises(AttributeError):
        s.threshold = 0.5
    off = s.replaced("test", cache=False)
    assert off.cache is False and s.cache is True and off.origin("cache") == "test"
