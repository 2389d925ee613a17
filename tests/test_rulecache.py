"""The rule cache: the same rules as a full check, rebuilt whenever an input changes or the
entry is damaged or foreign, never trusted blindly and never a reason for a wrong load."""

from __future__ import annotations

import hashlib
import json
import shutil
from pathlib import Path

import pytest

from mailexpert import rulecache
from mailexpert.errors import RuleFileError
from mailexpert.facts import data_dir
from mailexpert.rulefile import _load_all, lint, load_rules
from mailexpert.rulemodel import _codec

RULE_FILE = data_dir("rules") / "firewall" / "smtp-port25-blocked.yaml"  # a family of three rules


@pytest.fixture
def cache(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    folder = tmp_path / "cache"
    monkeypatch.setenv("MAILEXPERT_CACHE_DIR", str(folder))
    monkeypatch.delenv("MAILEXPERT_NO_CACHE", raising=False)
    return folder


@pytest.fixture
def user_rules(tmp_path: Path) -> Path:
    folder = tmp_path / "rules"
    folder.mkdir()
    shutil.copy(RULE_FILE, folder / RULE_FILE.name)
    return folder


def entries(folder: Path) -> list[Path]:
    return sorted(folder.glob("rules-*.json"))


def test_a_cached_load_gives_the_same_rules_as_a_full_check(cache: Path) -> None:
    checked, errors = _load_all(None, None, None)
    assert errors == []
    first = load_rules()  # checks and writes the entry
    assert len(entries(cache)) == 1
    second = load_rules()  # read back from the entry
    assert first == checked
    assert second == checked
    assert [r.fires for r in second] == [r.fires for r in checked]


def test_an_edited_rule_file_is_checked_again(cache: Path, user_rules: Path) -> None:
    before = load_rules([user_rules])
    path = user_rules / RULE_FILE.name
    path.write_text(path.read_text(encoding="utf-8").replace(
        "title: ", "title: Edited - ", 1), encoding="utf-8")
    after = load_rules([user_rules])
    assert after[0].title == "Edited - " + before[0].title
    assert len(entries(cache)) == 2


def test_an_edit_that_breaks_a_rule_is_reported_not_served_from_the_cache(cache: Path, user_rules: Path) -> None:
    load_rules([user_rules])
    path = user_rules / RULE_FILE.name
    path.write_text(path.read_text(encoding="utf-8").replace("area: firewall", "area: nowhere", 1), encoding="utf-8")
    with pytest.raises(RuleFileError, match="area"):
        load_rules([user_rules])
    assert len(entries(cache)) == 1  # a failed check stores nothing
    assert lint([user_rules])  # and lint always checks in full


def _own_rule(folder: Path, name: str, text: str) -> Path:
    folder.mkdir()
    (folder / name).write_text(text, encoding="utf-8")
    return folder


def test_user_rules_beside_the_built_in_ones_load_as_a_full_check(cache: Path, tmp_path: Path) -> None:
    """A user folder after the built-in one (every command's --rules): the built-in rules come
    from their cache entry, the folder is checked itself, then both across; the same rules in
    the same order as one full check of both."""
    builtin = data_dir("rules")
    mine = _own_rule(tmp_path / "mine", RULE_FILE.name, RULE_FILE.read_text(encoding="utf-8").replace("id: ", "id: mine-"))
    checked, errors = _load_all([builtin, mine], None, None)
    assert errors == []
    assert load_rules([builtin, mine]) == checked
    assert load_rules([builtin, mine]) == checked  # and again from its own entry


@pytest.mark.parametrize(("name", "text", "error"), [
    ("deep.yaml", "x: " + "[" * 65 + "]" * 65, "deep.yaml:1:68: nested deeper than 64 levels"),  # test_hostile_files
    (RULE_FILE.name, RULE_FILE.read_text(encoding="utf-8"), "rule id 'smtp-port25-blocked' is used twice"),
])
def test_a_broken_user_rule_file_is_refused_before_the_built_in_rules_are_checked(
        cache: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, name: str, text: str, error: str) -> None:
    """Checking the built-in rules is most of a command's time (seconds; half a minute on a
    loaded machine): a broken user file is refused after checking only itself, and the
    built-in rules come from the cache, never checked again for each new user folder."""
    from mailexpert import rulecheck

    builtin = data_dir("rules")
    load_rules([builtin])  # the cache entry of the built-in rules, as any earlier command left it
    checked: list[Path] = []
    real = rulecheck.check_file

    def counting(path: Path, *args: object) -> object:
        checked.append(path)
        return real(path, *args)  # type: ignore[arg-type]

    monkeypatch.setattr(rulecheck, "check_file", counting)
    mine = _own_rule(tmp_path / "mine", name, text)
    with pytest.raises(RuleFileError) as raised:
        load_rules([builtin, mine])
    assert error in str(raised.value)
    assert checked == [mine / name]


@pytest.mark.parametrize("damage", ["truncated", "garbage", "digest", "foreign-class", "other-format", "not-json"])
def test_a_damaged_or_foreign_entry_is_rebuilt(cache: Path, user_rules: Path, damage: str) -> None:
    good = load_rules([user_rules])
    (entry,) = entries(cache)
    header, _, payload = entry.read_bytes().partition(b"\n")
    if damage == "truncated":
        entry.write_bytes(header + b"\n" + payload[: len(payload) // 2])
    elif damage == "garbage":
        entry.write_bytes(b"\x00\xff" * 100)
    elif damage == "digest":
        entry.write_bytes(header + b"\n" + payload.replace(b"firewall", b"dns", 1))
    elif damage == "foreign-class":
        # A class name outside the closed set must never be looked up anywhere else.
        forged = payload.replace(b'"$":"Rule"', b'"$":"Popen"', 1)
        meta = json.loads(header)
        meta["digest"] = hashlib.sha256(forged).hexdigest()
        entry.write_bytes(json.dumps(meta).encode() + b"\n" + forged)
    elif damage == "other-format":
        meta = json.loads(header)
        meta["format"] = 999
        entry.write_bytes(json.dumps(meta).encode() + b"\n" + payload)
    else:
        entry.write_text("not json at all\n{", encoding="utf-8")
    assert rulecache.read(json.loads(header)["key"], _codec()) is None
    assert load_rules([user_rules]) == good
    # ... and the entry is sound again afterwards.
    assert rulecache.read(json.loads(header)["key"], _codec()) == good


def test_no_cache_writes_nothing(cache: Path, user_rules: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("MAILEXPERT_NO_CACHE", "1")
    assert load_rules([user_rules])
    assert not cache.exists()


def test_an_unwritable_cache_only_costs_time(tmp_path: Path, user_rules: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    blocker = tmp_path / "a-file"
    blocker.write_text("", encoding="utf-8")
    monkeypatch.setenv("MAILEXPERT_CACHE_DIR", str(blocker / "cache"))  # below a file: cannot be made
    assert load_rules([user_rules])[0].id == "smtp-port25-blocked"


def test_a_missing_folder_is_still_reported_with_its_name(cache: Path, tmp_path: Path) -> None:
    with pytest.raises(RuleFileError, match="does not exist"):
        load_rules([tmp_path / "nowhere"])


# --------------------------------------------------------------------------- built-in data


def test_cached_builds_once_per_content_and_again_after_an_edit(cache: Path, tmp_path: Path) -> None:
    source = tmp_path / "table.yaml"
    source.write_text("a: 1\n", encoding="utf-8")
    calls: list[int] = []

    def build() -> dict[str, int]:
        calls.append(1)
        return {"a": len(calls)}

    assert rulecache.cached("data", [source], rulecache.PLAIN, build) == {"a": 1}
    assert rulecache.cached("data", [source], rulecache.PLAIN, build) == {"a": 1}  # from the entry
    assert len(calls) == 1
    source.write_text("a: 2\n", encoding="utf-8")
    assert rulecache.cached("data", [source], rulecache.PLAIN, build) == {"a": 2}
    assert len(calls) == 2


@pytest.mark.parametrize("name", sorted(p.name for p in (Path(rulecache.__file__).parent / "data").glob("*.yaml")))
def test_every_data_table_reads_back_from_the_cache_exactly(cache: Path, name: str) -> None:
    from mailexpert import yamlsource
    from mailexpert.errors import SourceError

    path = Path(rulecache.__file__).parent / "data" / name
    fresh = yamlsource.plain(yamlsource.load_file(path, SourceError))
    assert rulecache.data_file(path) == fresh  # built and stored
    assert len(list(cache.glob("data-*.json"))) == 1
    again = rulecache.data_file(path)  # read back: the same values and types (lists stay lists)
    assert again == fresh
    assert json.dumps(again) == json.dumps(fresh)


def test_a_broken_data_file_is_reported_with_its_position_and_not_stored(cache: Path, tmp_path: Path) -> None:
    from mailexpert.errors import ProviderTableError

    path = tmp_path / "providers.yaml"
    path.write_text("providers:\n  - name: a\n   bad: indentation\n", encoding="utf-8")
    with pytest.raises(ProviderTableError) as caught:
        rulecache.data_file(path, ProviderTableError)
    assert caught.value.line == 3
    assert not list(cache.glob("data-*.json"))


def test_the_cached_fact_catalogue_and_cause_catalogue_equal_a_full_load(cache: Path) -> None:
    from mailexpert.causes import CAUSES_FILE, _read_causes, cause_catalogue
    from mailexpert.facts import FactCatalog, default_catalog

    full = FactCatalog.load(data_dir("facts"))
    assert default_catalog.__wrapped__() == full  # built and stored
    assert default_catalog.__wrapped__() == full  # read back
    causes, _ = _read_causes(data_dir("rules") / CAUSES_FILE, builtin=True)
    assert cause_catalogue.__wrapped__() == {c.id: c for c, _ in causes}
    assert cause_catalogue.__wrapped__() == {c.id: c for c, _ in causes}
    assert len(list(cache.glob("facts-*.json"))) == 1
    assert len(list(cache.glob("causes-*.json"))) == 1


def test_the_cache_keeps_the_entries_in_use_and_prunes_the_rest(cache: Path, tmp_path: Path) -> None:
    # Every edit writes an entry under a new key: without pruning, editing a table or a rule
    # folder fills the cache folder without end.
    source = tmp_path / "table.yaml"
    source.write_text("a: 0\n", encoding="utf-8")
    kept = rulecache.cached("data", [source], rulecache.PLAIN, lambda: {"a": 0})
    first = next(cache.glob("data-*.json"))
    for n in range(1, rulecache.KEEP_PER_KIND + 10):
        other = tmp_path / f"edit-{n}.yaml"
        other.write_text(f"a: {n}\n", encoding="utf-8")
        rulecache.cached("data", [other], rulecache.PLAIN, lambda n=n: {"a": n})
        # the first table is still in use: each command reads it again
        assert rulecache.cached("data", [source], rulecache.PLAIN, lambda: pytest.fail("rebuilt")) == kept
    names = {p.name for p in cache.glob("data-*.json")}
    assert len(names) == rulecache.KEEP_PER_KIND
    assert first.name in names


def test_pruning_removes_a_dead_writers_temporary_file_and_only_the_kind_written(cache: Path, tmp_path: Path) -> None:
    import os
    import time

    cache.mkdir()
    dead = cache / ".data-abandoned.tmp"
    dead.write_bytes(b"{")
    os.utime(dead, (time.time() - 7200, time.time() - 7200))
    fresh = cache / ".data-writing.tmp"  # another process may be writing it now
    fresh.write_bytes(b"{")
    others = [cache / f"rules-{n:064x}.json" for n in range(rulecache.KEEP_PER_KIND + 3)]
    for path in others:
        path.write_bytes(b"{}\n")
    source = tmp_path / "table.yaml"
    source.write_text("a: 1\n", encoding="utf-8")
    rulecache.cached("data", [source], rulecache.PLAIN, lambda: {"a": 1})
    assert not dead.exists() and fresh.exists()
    assert all(p.exists() for p in others)  # another kind is pruned only when one of its own is written
