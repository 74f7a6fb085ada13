"""One Prefect test server for every flow test in the session (it costs seconds to start)."""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

import pytest


@pytest.fixture(scope="session", autouse=True)
def prefect_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[None]:
    os.environ["PREFECT_HOME"] = str(tmp_path_factory.mktemp("prefect-home"))
    os.environ["PREFECT_SERVER_ANALYTICS_ENABLED"] = "false"
    os.environ["DO_NOT_TRACK"] = "1"
    os.environ.setdefault("PREFECT_LOGGING_LEVEL", "WARNING")
    from prefect.testing.utilities import prefect_test_harness

    with prefect_test_harness(server_startup_timeout=120):
        yield


@pytest.fixture
def source_with_bad_files(tmp_path: Path) -> Path:
    """The sample reports plus an empty, a binary, a Windows-1258 and a UTF-16 file."""
    import shutil

    from conftest import SAMPLES
    from cp1258 import encode_cp1258

    src = tmp_path / "documents"
    shutil.copytree(SAMPLES, src)
    (src / "empty.txt").write_bytes(b"")
    (src / "photo.jpg").write_bytes(b"\xff\xd8\xff\xe0\x00\x10JFIF\x00" + bytes(range(256)))
    text = "Huyện Yên Phong: tổng thu ngân sách năm 2023 đạt 1.250,5 tỷ đồng, tăng 12,3% so với năm 2022."
    (src / "ansi.txt").write_bytes(encode_cp1258(text))
    (src / "utf16.txt").write_bytes(text.replace("1.250,5", "980").encode("utf-16"))
    return src
