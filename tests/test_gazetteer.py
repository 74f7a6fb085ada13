"""Checks on the committed gazetteer seeds/localities.csv (built by seeds/build_localities.py). No network."""

import csv
import unicodedata
from collections import Counter
from pathlib import Path

import pytest

CSV_PATH = Path(__file__).parents[1] / "seeds" / "localities.csv"
COLUMNS = ["name", "type", "province", "province_2025", "name_ascii"]
PROVINCE_TYPES = {"tỉnh", "thành phố trung ương"}
TYPES = PROVINCE_TYPES | {"thành phố", "thị xã", "huyện", "quận"}


@pytest.fixture(scope="module")
def rows() -> list[dict[str, str]]:
    with CSV_PATH.open(encoding="utf-8", newline="") as fh:
        reader = csv.DictReader(fh)
        assert reader.fieldnames == COLUMNS
        return list(reader)


@pytest.fixture(scope="module")
def provinces(rows) -> set[str]:
    return {r["name"] for r in rows if r["type"] in PROVINCE_TYPES}


def test_63_provinces(rows, provinces):
    province_rows = [r for r in rows if r["type"] in PROVINCE_TYPES]
    assert len(province_rows) == 63
    assert len(provinces) == 63
    assert all(r["province"] == r["name"] for r in province_rows)
    assert "Thanh Hóa" in provinces


def test_row_count_and_types(rows):
    assert len(rows) > 700
    assert {r["type"] for r in rows} <= TYPES


def test_every_province_is_a_province_row(rows, provinces):
    assert {r["province"] for r in rows} <= provinces


@pytest.mark.parametrize(
    ("name", "province", "type_"),
    [
        ("Từ Sơn", "Bắc Ninh", "thành phố"),
        ("Uông Bí", "Quảng Ninh", "thành phố"),
        ("Bỉm Sơn", "Thanh Hóa", "thị xã"),
    ],
)
def test_known_localities(rows, name, province, type_):
    matches = [(r["province"], r["type"]) for r in rows if r["name"] == name]
    assert matches == [(province, type_)]


def test_homonyms_kept_in_each_province(rows):
    chau_thanh = [r for r in rows if r["name"] == "Châu Thành"]
    assert len(chau_thanh) >= 10
    assert len({r["province"] for r in chau_thanh}) == len(chau_thanh)


def test_no_duplicate_name_type_province(rows):
    counts = Counter((r["name"], r["type"], r["province"]) for r in rows)
    assert [k for k, n in counts.items() if n > 1] == []


def test_all_text_nfc(rows):
    bad = [r for r in rows for v in r.values() if not unicodedata.is_normalized("NFC", v)]
    assert bad == []
