"""Every refresh shows its outcome in Prefect: a table of failed and warned checks and a markdown
summary, read back here through the Prefect client by flow run id; a run whose checks contradict
their own arithmetic fails with a clear message and still leaves both."""

from __future__ import annotations

import json
import shutil
from pathlib import Path
from uuid import UUID

import pytest
from prefect.client.orchestration import get_client
from prefect.client.schemas.filters import ArtifactFilter, ArtifactFilterFlowRunId

from expectations.report import SUMMARY_KEY, TABLE_KEY
from flows.refresh import ValidationFailed, refresh
from warehouse import build
from warehouse.paths import WarehousePaths


def _artifacts(flow_run_id: UUID) -> dict[str, object]:
    with get_client(sync_client=True) as client:
        found = client.read_artifacts(
            artifact_filter=ArtifactFilter(flow_run_id=ArtifactFilterFlowRunId(any_=[flow_run_id]))
        )
    return {a.key: a for a in found}


def test_a_refresh_leaves_a_findings_table_and_a_summary(tmp_path: Path) -> None:
    from conftest import SAMPLES

    db = tmp_path / "wh" / "chitieu.duckdb"
    state = refresh(source_dir=str(SAMPLES), db_path=str(db), return_state=True)
    assert state.is_completed()
    summary = state.result()

    artifacts = _artifacts(state.state_details.flow_run_id)
    assert {TABLE_KEY, SUMMARY_KEY} <= set(artifacts)
    table, markdown = artifacts[TABLE_KEY], artifacts[SUMMARY_KEY]
    assert (table.type, markdown.type) == ("table", "markdown")

    columns = json.loads(table.data)
    assert list(columns) == ["check", "outcome", "source_files", "message"]
    rows = list(zip(*columns.values(), strict=True))
    assert len(rows) == summary.validation.failed + summary.validation.warned == 3
    assert {(c, o) for c, o, _, _ in rows} == {("anniversary", "fail"), ("part_sum", "fail"),
                                              ("period_mismatch", "fail")}
    assert all(f.endswith(".txt") and m for _, _, f, m in rows)

    text = markdown.data
    assert "documents" in text and "| new | 5 |" in text
    assert "**Facts:** 63" in text
    assert "| anniversary | 3 | 0 | 1 |" in text
    assert "| fct_indicators | 34 | 0 | 0 |" in text and "| fct_consistency_checks | 11 | 0 | 0 |" in text
    docs = WarehousePaths(db).docs / "index.html"
    assert docs.is_file() and str(docs) in text
    assert any(line.startswith("data docs: ") and str(docs) in line for line in summary.lines())


def test_a_check_that_contradicts_its_numbers_fails_the_run_and_still_reports(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from conftest import SAMPLES

    models = tmp_path / "models"
    shutil.copytree(build.MODELS_DIR, models)
    sql = (models / "checks" / "anniversary.sql").read_text(encoding="utf-8")
    broken = sql.replace("case when to_year - from_year = years_stated then 'pass' else 'fail' end", "'pass'")
    assert broken != sql
    (models / "checks" / "anniversary.sql").write_text(broken, encoding="utf-8")
    monkeypatch.setattr(build, "MODELS_DIR", models)

    db = tmp_path / "wh" / "chitieu.duckdb"
    state = refresh(source_dir=str(SAMPLES), db_path=str(db), return_state=True)

    assert state.is_failed()
    with pytest.raises(ValidationFailed, match=r"^expectations failed, warehouse not published .*"
                                               r"fct_consistency_checks: 10/11 expectations passed; failed: "
                                               r"expect_column_values_to_be_between\(slack_verdict \| outcome == pass"):
        state.result()
    assert not db.exists() and db.with_name(db.name + ".failed").exists()

    artifacts = _artifacts(state.state_details.flow_run_id)
    columns = json.loads(artifacts[TABLE_KEY].data)
    first = {c: v[0] for c, v in columns.items()}
    assert first["check"] == "expectation:fct_consistency_checks" and first["outcome"] == "fail"
    assert "slack" in first["message"] and "1 unexpected" in first["message"]
    assert "**not published**" in artifacts[SUMMARY_KEY].data
