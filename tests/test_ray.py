"""The Ray engine on a local Ray instance with 2 CPUs gives exactly the single-process output."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

ray = pytest.importorskip("ray")

from cleanse import clean  # noqa: E402
from cleanse.ray_engine import clean_dataset  # noqa: E402
from tests.helpers import invoke, scraped_pages  # noqa: E402


@pytest.fixture(scope="module")
def local_ray():  # type: ignore[no-untyped-def]
    ray.init(num_cpus=2, include_dashboard=False, log_to_driver=False)
    yield ray
    ray.shutdown()


def records() -> list[dict]:
    pages = [p.read_text(encoding="utf-8") for p in scraped_pages()]
    rows = []
    for index in range(60):
        page = pages[index % len(pages)]
        lines = page.splitlines()
        start = (index * 7) % max(len(lines) - 10, 1)
        rows.append({"id": index, "text": "\n".join(lines[start:start + 10]), "site": "x"})
    return rows


def test_jsonl_engine_ray_equals_local(local_ray, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    source = tmp_path / "in.jsonl"
    source.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in records())
                      + "{not json\n", encoding="utf-8")
    local = invoke(["run", "--jsonl", str(source), "-o", str(tmp_path / "local.jsonl"), "-j", "1"])
    distributed = invoke(["run", "--jsonl", str(source), "-o", str(tmp_path / "ray.jsonl"),
                          "--engine", "ray", "-j", "2"])
    assert local.exit_code == distributed.exit_code == 2  # the malformed record is reported
    assert "line 61: malformed record" in distributed.stderr
    assert (tmp_path / "ray.jsonl").read_bytes() == (tmp_path / "local.jsonl").read_bytes()


def test_dataset_api_equals_clean(local_ray) -> None:  # type: ignore[no-untyped-def]
    rows = records()
    ds = ray.data.from_items(rows)
    out = sorted(clean_dataset(ds, field="text", concurrency=2).take_all(), key=lambda r: r["id"])
    assert [r["text"] for r in out] == [clean(r["text"], source=str(r["id"])).text for r in rows]
    assert [r["site"] for r in out] == ["x"] * len(rows)
    first = json.loads(out[0]["cleanse"])
    assert first == clean(rows[0]["text"], source="0").metadata


def test_parquet_in_parquet_out(local_ray, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    import pandas

    rows = records()
    pandas.DataFrame(rows).to_parquet(tmp_path / "in.parquet")
    result = invoke(["run", str(tmp_path / "in.parquet"), "-o", str(tmp_path / "out"),
                     "--engine", "ray", "-j", "2"])
    assert result.exit_code == 0, result.stderr
    out = pandas.read_parquet(tmp_path / "out").sort_values("id")
    assert list(out["text"]) == [clean(r["text"], source=str(r["id"])).text for r in rows]
