"""Fact accuracy and planted contradictions, scored on built warehouses exactly as the evaluation does
(`tests/fixtures/eval_facts.py`, a copy of ../shared/tools/eval_facts.py).

The floors are the scores measured when they were last raised (tests/fixtures/sealed/SCORES.md and the
closing notes of issue 9 give the history): a change that loses accuracy fails here. Issue 9's targets
(development 0.95, sealed 0.92) are above some of these floors; the gap is reported, not hidden.
"""

from __future__ import annotations

import shutil
import sys
from pathlib import Path

import pytest
from conftest import FIXTURES, build_warehouse

sys.path.insert(0, str(FIXTURES))
import eval_facts as ev  # noqa: E402

CORPUS = FIXTURES / "corpus"
PLANTED = FIXTURES / "planted"
SEALED = FIXTURES / "sealed"
FRESH = FIXTURES / "fresh"
SEALED2 = FIXTURES / "sealed2"
SEALED3 = FIXTURES / "sealed3"
SEALED4 = FIXTURES / "sealed4"
SEALED5 = FIXTURES / "sealed5"

SAMPLE_F1 = 0.97  # issue 9: the samples stay at or above 0.97
DEV_F1 = 0.94  # measured 0.944 (P 0.958, R 0.931) on 43 development reports (0.938 at c327a06); the target is 0.95
DEV_FALSE_ALARMS = 2  # measured 2 false `fail`s on 43 untouched reports (4 before); the target is 0
SEALED_F1 = 0.91  # closing score 0.776 (P 0.823, R 0.733); 0.858 at c327a06; 0.920 (P 0.934, R 0.906) now
SEALED_FALSE_ALARMS = 0  # 5 at the closing score, 0 now
SEALED2_F1 = 0.80  # tests/fixtures/sealed2: first 0.628, closing 0.641 (P 0.840, R 0.518); 0.813 now
SEALED2_FALSE_ALARMS = 0  # 4 at its closing score
SEALED3_F1 = 0.81  # tests/fixtures/sealed3: first 0.777, closing 0.781 (P 0.833, R 0.735); 0.824 now
SEALED3_FALSE_ALARMS = 2
SEALED4_F1 = 0.80  # tests/fixtures/sealed4: first 0.801 (f0771ea), closing 0.808 (P 0.889, R 0.741)
SEALED5_F1 = 0.89  # tests/fixtures/sealed5: first 0.861 (f0771ea), closing 0.894 (P 0.930, R 0.861)
SEALED5_FALSE_ALARMS = 1
SEALED4_FALSE_ALARMS = 1  # 3 at the closing score; 1 after the two families below (sealed4 open since)
FRESH_F1 = 0.84  # tests/fixtures/fresh: first 0.636 before any change for it, 0.844 at c327a06
FRESH_FALSE_ALARMS = 1  # first 6, 3 at b841886, 1 now


def _warehouse(root: Path, docs: Path) -> Path:
    source = root / "documents"
    shutil.copytree(docs, source)
    db = root / "warehouse" / "chitieu.duckdb"
    build_warehouse(source, db)
    return db


@pytest.fixture(scope="module")
def corpus_warehouse(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The 43 development reports, built as a refresh builds them."""
    return _warehouse(tmp_path_factory.mktemp("corpus"), CORPUS / "docs")


@pytest.fixture(scope="module")
def planted_warehouse(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The ten copies with a planted contradiction, on their own: beside their originals each would also
    contradict the original report across documents, which is true but not what is planted."""
    return _warehouse(tmp_path_factory.mktemp("planted"), PLANTED / "docs")


@pytest.fixture(scope="module")
def sealed_warehouse(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The 20 reports sealed before the extractor changed and scored twice (first 0.564, closing 0.776)."""
    return _warehouse(tmp_path_factory.mktemp("sealed"), SEALED / "docs")


@pytest.fixture(scope="module")
def fresh_warehouse(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """15 reports written after the development corpus, scored first before any change for them (0.636)."""
    return _warehouse(tmp_path_factory.mktemp("fresh"), FRESH / "docs")


@pytest.fixture(scope="module")
def sealed2_warehouse(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """15 reports sealed on arrival and scored twice (first 0.628, closing 0.641)."""
    return _warehouse(tmp_path_factory.mktemp("sealed2"), SEALED2 / "docs")


@pytest.fixture(scope="module")
def sealed3_warehouse(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """15 reports sealed on arrival and scored twice (first 0.777, closing 0.781)."""
    return _warehouse(tmp_path_factory.mktemp("sealed3"), SEALED3 / "docs")


@pytest.fixture(scope="module")
def sealed4_warehouse(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """15 reports sealed on arrival and scored twice (first 0.801, closing 0.808)."""
    return _warehouse(tmp_path_factory.mktemp("sealed4"), SEALED4 / "docs")


@pytest.fixture(scope="module")
def sealed5_warehouse(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """20 unseen reports scored twice (first 0.861, closing 0.894)."""
    return _warehouse(tmp_path_factory.mktemp("sealed5"), SEALED5 / "docs")


def test_fifth_unseen_set_keeps_its_closing_score(sealed5_warehouse: Path) -> None:
    res = ev.score(sealed5_warehouse, SEALED5 / "gold")
    assert res["facts"]["gold"] == 338
    assert res["facts"]["f1"] >= SEALED5_F1, res["facts"]
    assert len(res["checks"]["false_alarms"]) <= SEALED5_FALSE_ALARMS, res["checks"]["false_alarms"]


def test_fourth_sealed_set_keeps_its_closing_score(sealed4_warehouse: Path) -> None:
    res = ev.score(sealed4_warehouse, SEALED4 / "gold")
    assert res["facts"]["gold"] == 282
    assert res["facts"]["f1"] >= SEALED4_F1, res["facts"]
    assert len(res["checks"]["false_alarms"]) <= SEALED4_FALSE_ALARMS, res["checks"]["false_alarms"]


def test_third_sealed_set_keeps_its_closing_score(sealed3_warehouse: Path) -> None:
    res = ev.score(sealed3_warehouse, SEALED3 / "gold")
    assert res["facts"]["gold"] == 245
    assert res["facts"]["f1"] >= SEALED3_F1, res["facts"]
    assert len(res["checks"]["false_alarms"]) <= SEALED3_FALSE_ALARMS, res["checks"]["false_alarms"]


def test_second_sealed_set_keeps_its_closing_score(sealed2_warehouse: Path) -> None:
    res = ev.score(sealed2_warehouse, SEALED2 / "gold")
    assert res["facts"]["gold"] == 334
    assert res["facts"]["f1"] >= SEALED2_F1, res["facts"]
    assert len(res["checks"]["false_alarms"]) <= SEALED2_FALSE_ALARMS, res["checks"]["false_alarms"]


def test_fresh_set_keeps_its_score(fresh_warehouse: Path) -> None:
    res = ev.score(fresh_warehouse, FRESH / "gold")
    assert res["facts"]["gold"] == 291
    assert res["facts"]["f1"] >= FRESH_F1, res["facts"]
    assert len(res["checks"]["false_alarms"]) <= FRESH_FALSE_ALARMS, res["checks"]["false_alarms"]


def test_sealed_set_keeps_its_closing_score(sealed_warehouse: Path) -> None:
    res = ev.score(sealed_warehouse, SEALED / "gold")
    assert res["facts"]["gold"] == 330
    assert res["facts"]["f1"] >= SEALED_F1, res["facts"]
    assert len(res["checks"]["false_alarms"]) <= SEALED_FALSE_ALARMS, res["checks"]["false_alarms"]


def test_sample_f1(sample_warehouse: Path) -> None:
    res = ev.score(sample_warehouse, FIXTURES / "gold")
    assert res["facts"]["f1"] >= SAMPLE_F1, res["missed"]


def test_development_f1(corpus_warehouse: Path) -> None:
    res = ev.score(corpus_warehouse, CORPUS / "gold")
    assert res["facts"]["gold"] >= 700  # all 43 reports' gold was read
    assert res["facts"]["f1"] >= DEV_F1, res["facts"]


def test_every_planted_contradiction_is_found_and_nothing_else_fails_in_those_copies(planted_warehouse: Path) -> None:
    res = ev.score(planted_warehouse, PLANTED / "gold")
    checks = res["checks"]
    assert checks["gold_fail"] == 10
    assert checks["missed"] == [], checks
    assert checks["false_alarms"] == [], checks


def test_the_development_reports_own_contradictions_are_found_with_few_false_alarms(corpus_warehouse: Path) -> None:
    checks = ev.score(corpus_warehouse, CORPUS / "gold")["checks"]
    assert checks["missed"] == [], checks
    assert len(checks["false_alarms"]) <= DEV_FALSE_ALARMS, checks["false_alarms"]


def test_planted_gold_differs_from_its_original_only_where_planted() -> None:
    """Each planted copy is its development report with one change: the gold says which, and the
    rest of the text is the original's (so the check found is the planted one)."""
    import difflib

    for doc in sorted((PLANTED / "docs").glob("p*_*.txt")):
        original = CORPUS / "docs" / doc.name.split("_", 1)[1]
        a = original.read_text(encoding="utf-8").splitlines()
        b = doc.read_text(encoding="utf-8").splitlines()
        changed = [d for d in difflib.ndiff(a, b) if d[:1] in "+-"]
        assert 1 <= len(changed) // 2 <= 1, (doc.name, changed)
