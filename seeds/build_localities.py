"""Build ``seeds/localities.csv``: Vietnamese provinces and district-level units before the July 2025 reform.

Source: the PyPI package ``vietnamadminunits`` 1.0.4 (MIT, https://github.com/tranngocminhhieu/vietnamadminunits),
declared in the ``gazetteer`` dependency group. Only the data files bundled in the package are read:

* ``vietnamadminunits/data/dataset.db`` (SQLite), table ``admin_units_legacy`` (63-province structure,
  one row per ward), for provinces and districts; table ``admin_units`` (34-province structure) for the
  names of the post-reform provinces;
* ``vietnamadminunits/data/converter_2025.json``, key ``DICT_PROVINCE`` (new province key -> old province
  keys), for ``province_2025``.

The package itself is never imported (its converter can geocode street addresses over the network); the
data files are located with ``importlib.util.find_spec``, which does not execute the package. Nothing
here touches the network.

Run from the project root::

    uv run --group gazetteer python seeds/build_localities.py

Output columns: name, type, province, province_2025, name_ascii (UTF-8, NFC, ``\\n`` line endings), sorted
by province, then type (province row first, then thành phố, quận, thị xã, huyện), then name.
"""

from __future__ import annotations

import csv
import importlib.metadata
import importlib.util
import json
import sqlite3
import sys
import unicodedata
from collections import Counter
from pathlib import Path

PACKAGE = "vietnamadminunits"
EXPECTED_VERSION = "1.0.4"
OUT_PATH = Path(__file__).resolve().parent / "localities.csv"
COLUMNS = ["name", "type", "province", "province_2025", "name_ascii"]

# Province-level prefix in the package -> our type.
PROVINCE_TYPES = {"Tỉnh": "tỉnh", "Thành phố": "thành phố trung ương"}
# districtType in the package -> our type.
DISTRICT_TYPES = {"Thành phố": "thành phố", "Quận": "quận", "Thị xã": "thị xã", "Huyện": "huyện"}
TYPE_ORDER = {"tỉnh": 0, "thành phố trung ương": 0, "thành phố": 1, "quận": 2, "thị xã": 3, "huyện": 4}


def nfc(text: str) -> str:
    return unicodedata.normalize("NFC", text.strip())


def to_ascii(text: str) -> str:
    """Lower-case, diacritics removed, đ -> d."""
    decomposed = unicodedata.normalize("NFD", text.replace("đ", "d").replace("Đ", "D"))
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch)).lower()


def strip_prefix(full: str, prefix: str) -> str:
    """Drop a type prefix (case-insensitive: the data has both 'Thành phố' and 'Thành Phố')."""
    if full.casefold().startswith(prefix.casefold() + " "):
        return full[len(prefix) + 1 :].strip()
    raise ValueError(f"{full!r} does not start with {prefix!r}")


def data_dir() -> Path:
    spec = importlib.util.find_spec(PACKAGE)
    if spec is None or not spec.submodule_search_locations:
        sys.exit(f"{PACKAGE} is not installed: run `uv sync --group gazetteer`")
    return Path(next(iter(spec.submodule_search_locations))) / "data"


def load(data: Path) -> list[dict[str, str]]:
    db = sqlite3.connect(f"file:{data / 'dataset.db'}?mode=ro", uri=True)
    try:
        legacy = db.execute(
            "SELECT DISTINCT province, provinceShort, provinceKey, district, districtType, districtCode"
            " FROM admin_units_legacy"
        ).fetchall()
        new_names = dict(db.execute("SELECT DISTINCT provinceKey, provinceShort FROM admin_units").fetchall())
    finally:
        db.close()

    converter = json.loads((data / "converter_2025.json").read_text(encoding="utf-8"))
    old_to_new: dict[str, str] = {}
    for new_key, old_keys in converter["DICT_PROVINCE"].items():
        for old_key in old_keys:
            if old_key in old_to_new:
                raise ValueError(f"old province {old_key} mapped twice")
            old_to_new[old_key] = nfc(new_names[new_key])

    rows: dict[tuple[str, str, str], dict[str, str]] = {}
    district_codes: dict[str, tuple[str, str, str]] = {}

    def add(name: str, type_: str, province: str, province_2025: str) -> None:
        key = (name, type_, province)
        row = {
            "name": name,
            "type": type_,
            "province": province,
            "province_2025": province_2025,
            "name_ascii": to_ascii(name),
        }
        if key in rows and rows[key] != row:
            raise ValueError(f"conflicting rows for {key}")
        rows[key] = row

    for province_full, province_short, province_key, district_full, district_type, district_code in legacy:
        province_full, province_short = nfc(province_full), nfc(province_short)
        prefix = next(p for p in PROVINCE_TYPES if province_full.casefold().startswith(p.casefold() + " "))
        province = strip_prefix(province_full, prefix)
        if province != province_short:
            raise ValueError(f"province name mismatch: {province_full!r} vs {province_short!r}")
        province_2025 = old_to_new.get(province_key, "")
        add(province, PROVINCE_TYPES[prefix], province, province_2025)

        district_type = nfc(district_type)
        name = strip_prefix(nfc(district_full), district_type)
        # HCMC's numbered districts ("Quận 1" ... "Quận 12"): a bare number is not a name, keep "Quận N"
        # as the package's short name does.
        if name.isdigit():
            name = f"{district_type} {name}"
        key = (name, DISTRICT_TYPES[district_type], province)
        if district_codes.setdefault(district_code, key) != key:
            raise ValueError(
                f"district code {district_code} has two names: {district_codes[district_code]}, {key}"
            )
        add(name, DISTRICT_TYPES[district_type], province, province_2025)

    if len(district_codes) != sum(1 for r in rows.values() if r["type"] in DISTRICT_TYPES.values()):
        raise ValueError("two district codes collapse to the same (name, type, province)")
    return list(rows.values())


def sort_key(row: dict[str, str]) -> tuple:
    return (
        to_ascii(row["province"]),
        row["province"],
        TYPE_ORDER[row["type"]],
        to_ascii(row["name"]),
        row["name"],
    )


def main() -> None:
    version = importlib.metadata.version(PACKAGE)
    if version != EXPECTED_VERSION:
        print(f"warning: {PACKAGE} {version} installed, this script was written against {EXPECTED_VERSION}")

    rows = sorted(load(data_dir()), key=sort_key)

    provinces = {r["name"] for r in rows if r["type"] in ("tỉnh", "thành phố trung ương")}
    assert len(provinces) == 63, len(provinces)
    assert "Thanh Hóa" in provinces, "expected the province spelled 'Thanh Hóa'"
    assert all(r["province"] in provinces for r in rows)
    assert all(unicodedata.is_normalized("NFC", v) for r in rows for v in r.values())

    with OUT_PATH.open("w", encoding="utf-8", newline="") as fh:
        writer = csv.DictWriter(fh, fieldnames=COLUMNS, lineterminator="\n")
        writer.writeheader()
        writer.writerows(rows)

    counts = Counter(r["type"] for r in rows)
    print(f"{PACKAGE} {version}: wrote {len(rows)} rows to {OUT_PATH}")
    for type_, n in sorted(counts.items(), key=lambda kv: TYPE_ORDER[kv[0]]):
        print(f"  {type_:<22} {n}")
    missing_2025 = sum(1 for r in rows if not r["province_2025"])
    print(f"  rows without province_2025: {missing_2025}")


if __name__ == "__main__":
    main()
