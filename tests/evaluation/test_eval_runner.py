"""The runner, --score-only and the comparison, with a fake extractor over a tiny invented gold
folder: predictions and error files are written, a run resumes, and re-scoring needs no model."""

from __future__ import annotations

import io
import json
from pathlib import Path
from typing import Any

import pytest

from llm_extract.cli import exit_code, main
from llm_extract.errors import AttemptLog, ConfigurationError, ExtractionFailedError
from llm_extract.evaluation import run_eval, score_run
from llm_extract.evaluation.pipelines import PIPELINES, Pipeline
from llm_extract.schema import ExtractionResult, Provenance, Usage
from llm_extract.settings import Settings

ARABIC_HOST = "أحمد الزيدي"


def _person(name: str, role: str, country: str) -> dict[str, Any]:
    return {"name": name, "aliases": [], "title": None, "organization": None,
            "country": country, "role": role}


GOLD: dict[str, dict[str, Any]] = {
    "001_ar": {"language": "ar", "published": None, "meetings": [{
        "status": "held", "modality": "in_person", "date": None,
        "location": {"city": "Baghdad", "country": "IQ"},
        "participants": [_person(ARABIC_HOST, "host", "IQ"),
                         _person("Karim Nassar", "guest", "IR")],
        "topics": [], "evidence": None}]},
    "002_en": {"language": "en", "published": "2024-03-03", "meetings": [{
        "status": "held", "modality": "phone", "date": "2024-03-02", "location": None,
        "participants": [_person("Ann Smith", "participant", "GB"),
                         _person("Bob Jones", "participant", "US")],
        "topics": [], "evidence": None}]},
    "003_fr": {"language": "fr", "published": None, "meetings": []},
}


@pytest.fixture
def gold_dir(tmp_path: Path) -> Path:
    folder = tmp_path / "gold"
    folder.mkdir()
    for ident, gold in GOLD.items():
        (folder / f"{ident}.txt").write_text(f"{ident}: an invented article.", encoding="utf-8")
        (folder / f"{ident}.json").write_text(json.dumps({"id": ident, **gold}), encoding="utf-8")
    (folder / "004_de.json").write_text(json.dumps({"meetings": []}), encoding="utf-8")  # no text
    (folder / "005_es.txt").write_text("no gold beside it", encoding="utf-8")
    return folder


def result(ident: str, *, attempts: int = 1, surname_only: bool = False) -> ExtractionResult:
    meetings = json.loads(json.dumps(GOLD[ident]["meetings"]))
    if surname_only:
        meetings[0]["participants"][0]["name"] = "Smith"
    provenance = Provenance(
        prompt_version="vfake", model="fake", endpoint="http://127.0.0.1:1/v1",
        endpoint_kind="unknown", mode="json_schema", attempts=attempts,
        usage=Usage(prompt_tokens=1000, completion_tokens=100 * attempts),
        latency_s=2.0 * attempts, input_sha256="0" * 64,
        created_at="2024-01-01T00:00:00+00:00", library_version="0",
    )
    return ExtractionResult(meetings=meetings, provenance=provenance)


class FakeExtractor:
    """Canned answers by article id (the text starts with it); records every call."""

    def __init__(self, answers: dict[str, ExtractionResult | Exception]) -> None:
        self.answers = answers
        self.calls: list[tuple[str, str | None, str | None]] = []

    def extract(
        self, text: str, *, published: str | None, language: str | None
    ) -> ExtractionResult:
        ident = text.split(":", 1)[0]
        self.calls.append((ident, published, language))
        answer = self.answers[ident]
        if isinstance(answer, Exception):
            raise answer
        return answer


def failing() -> ExtractionFailedError:
    log = AttemptLog(attempts=2, prompt_tokens=900, completion_tokens=80)
    return ExtractionFailedError("output did not validate", log=log)


def first_run(gold_dir: Path, run_dir: Path, out: io.StringIO | None = None) -> FakeExtractor:
    fake = FakeExtractor({"001_ar": result("001_ar"),
                          "002_en": result("002_en", attempts=2, surname_only=True),
                          "003_fr": failing()})
    run_eval(gold_dir, run_dir, fake, settings=Settings(), pipeline="fake",
             prompt_version="vfake", progress=out or io.StringIO())
    return fake


def test_run_writes_predictions_errors_settings_and_report(gold_dir: Path, tmp_path: Path) -> None:
    run_dir, out = tmp_path / "run", io.StringIO()
    fake = first_run(gold_dir, run_dir, out)
    assert [c[0] for c in fake.calls] == ["001_ar", "002_en", "003_fr"]
    assert ("002_en", "2024-03-03", "en") in fake.calls  # gold published date and language
    preds = run_dir / "predictions"
    saved = (preds / "001_ar.json").read_text(encoding="utf-8")
    assert ARABIC_HOST in saved  # UTF-8, not \u escapes
    assert ExtractionResult.model_validate_json(saved).meetings[0].participants[0].name
    error = json.loads((preds / "003_fr.error.json").read_text(encoding="utf-8"))
    assert error["id"] == "003_fr" and error["error"]["kind"] == "extraction_failed"
    assert error["error"]["attempts"] == 2
    assert sorted(p.name for p in preds.iterdir()) == [
        "001_ar.json", "002_en.json", "003_fr.error.json"]  # no temporary files left
    settings = json.loads((run_dir / "settings.json").read_text(encoding="utf-8"))
    assert settings["pipeline"] == "fake" and settings["prompt_version"] == "vfake"
    assert settings["gold_dir"] == str(gold_dir.resolve())
    assert settings["settings"]["api_key_set"] is False and "api_key" not in settings["settings"]
    assert {"started_at", "library_version"} <= set(settings)
    report = json.loads((run_dir / "report.json").read_text(encoding="utf-8"))
    assert report["articles"] == 3
    assert report["validity"]["valid"] == 2 and report["validity"]["errors"] == 1
    assert report["validity"]["first_attempt_valid"] == 1
    assert report["cost"]["retries"] == 2  # 002 took 2 attempts, the failure 2
    assert report["cost"]["seconds_median"] == 3.0
    assert report["errors_by_kind"] == {"extraction_failed": 1}
    assert report["slots"]["participant"]["tp"] == 3.5  # "Smith" for "Ann Smith" is half
    lines = out.getvalue().splitlines()
    assert lines[0].startswith("[1/3] 001_ar") and "1 records" in lines[0] and "ETA" in lines[0]
    assert "ERROR extraction_failed" in lines[2]


def test_resume_calls_the_extractor_only_for_missing_predictions(
    gold_dir: Path, tmp_path: Path
) -> None:
    run_dir = tmp_path / "run"
    first_run(gold_dir, run_dir)
    fake = FakeExtractor({"003_fr": result("003_fr")})
    out = io.StringIO()
    report = run_eval(gold_dir, run_dir, fake, settings=Settings(), pipeline="fake",
                      prompt_version="vfake", progress=out)
    assert [c[0] for c in fake.calls] == ["003_fr"]
    assert out.getvalue().count("skipped") == 2
    assert not (run_dir / "predictions" / "003_fr.error.json").exists()
    assert report["validity"]["valid"] == 3 and report["errors_by_kind"] == {}
    settings = json.loads((run_dir / "settings.json").read_text(encoding="utf-8"))
    assert len(settings["resumed_at"]) == 1


def test_resume_with_another_pipeline_is_refused(gold_dir: Path, tmp_path: Path) -> None:
    run_dir = tmp_path / "run"
    first_run(gold_dir, run_dir)
    with pytest.raises(ConfigurationError, match="pipeline"):
        run_eval(gold_dir, run_dir, FakeExtractor({}), pipeline="naive", progress=io.StringIO())


def test_ids_and_limit_select_articles(gold_dir: Path, tmp_path: Path) -> None:
    fake = FakeExtractor({"002_en": result("002_en"), "001_ar": result("001_ar")})
    report = run_eval(gold_dir, tmp_path / "a", fake, ids=["002_en"], pipeline="fake",
                      progress=io.StringIO())
    assert [c[0] for c in fake.calls] == ["002_en"] and report["articles"] == 1
    run_eval(gold_dir, tmp_path / "b", fake, limit=1, pipeline="fake", progress=io.StringIO())
    assert [c[0] for c in fake.calls] == ["002_en", "001_ar"]
    with pytest.raises(ConfigurationError, match="999_xx"):
        run_eval(gold_dir, tmp_path / "c", fake, ids=["999_xx"], progress=io.StringIO())
    # Re-scoring a limited run scores the articles it selected, not the whole folder.
    assert score_run(tmp_path / "b", gold_dir)["articles"] == 1


def test_undecodable_text_is_an_error_file_not_a_crash(gold_dir: Path, tmp_path: Path) -> None:
    (gold_dir / "001_ar.txt").write_bytes(b"\xff\xfe\x00 not utf-8")
    fake = FakeExtractor({"002_en": result("002_en"), "003_fr": result("003_fr")})
    report = run_eval(gold_dir, tmp_path / "run", fake, pipeline="fake", progress=io.StringIO())
    assert [c[0] for c in fake.calls] == ["002_en", "003_fr"]
    assert report["errors_by_kind"] == {"invalid_encoding": 1}


def test_score_only_rescores_saved_predictions(
    gold_dir: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    run_dir = tmp_path / "run"
    first_run(gold_dir, run_dir)
    before = json.loads((run_dir / "report.json").read_text(encoding="utf-8"))
    (run_dir / "predictions" / "002_en.json").unlink()
    (run_dir / "predictions" / "001_ar.json").write_text("{not json", encoding="utf-8")
    # 003_fr errored in the first run: the report is printed, and the exit code says so
    assert main(["eval", "--score-only", str(run_dir), str(gold_dir)]) == 1
    assert "HEADLINE micro F1" in capsys.readouterr().out
    after = json.loads((run_dir / "report.json").read_text(encoding="utf-8"))
    states = {a["id"]: a["state"] for a in after["per_article"]}
    assert states == {"001_ar": "invalid", "002_en": "missing", "003_fr": "error"}
    assert after["validity"]["valid"] == 0 and after["validity"]["missing"] == 1
    assert after["headline"]["recall"] == 0.0 < before["headline"]["recall"]


def _batch_line(ident: str, answer: ExtractionResult | ExtractionFailedError) -> str:
    if isinstance(answer, ExtractionResult):
        line = {"id": ident, "source": f"{ident}.txt", "status": "ok",
                "result": answer.model_dump(mode="json"), "error": None}
    else:
        line = {"id": ident, "source": f"{ident}.txt", "status": "error", "result": None,
                "error": answer.to_dict()}
    return json.dumps(line, ensure_ascii=False) + "\n"


def test_a_batch_output_scores_exactly_like_the_eval_run_of_the_same_answers(
    gold_dir: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    run_dir = tmp_path / "run"
    first_run(gold_dir, run_dir)
    expected = json.loads((run_dir / "report.json").read_text(encoding="utf-8"))
    batch = tmp_path / "out.jsonl"
    batch.write_text(
        _batch_line("002_en", failing())  # an old error line, redone by a resume
        + _batch_line("001_ar", result("001_ar"))
        + _batch_line("002_en", result("002_en", attempts=2, surname_only=True))
        + _batch_line("003_fr", failing()), encoding="utf-8")
    imported = tmp_path / "from-batch"
    assert main(["eval", str(gold_dir), "--from-batch", str(batch),
                 "--run-dir", str(imported)]) == 1  # 003_fr's newest line is an error
    assert "HEADLINE micro F1" in capsys.readouterr().out
    got = json.loads((imported / "report.json").read_text(encoding="utf-8"))
    for key in ("headline", "slots", "validity", "errors_by_kind", "cost"):
        assert got[key] == expected[key], key
    assert json.loads((imported / "settings.json").read_text())["pipeline"] == "batch"


def test_a_batch_import_counts_lost_inputs_as_missing_and_skips_torn_lines(
    gold_dir: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    batch = tmp_path / "out.jsonl"
    batch.write_text(_batch_line("001_ar", result("001_ar")) + '{"id": "003_fr", "sta',
                     encoding="utf-8")
    imported = tmp_path / "from-batch"
    assert main(["eval", str(gold_dir), "--from-batch", str(batch),
                 "--run-dir", str(imported)]) == 0  # missing is not an error of the run
    assert "1 predictions, 0 errors, 1 unreadable lines skipped" in capsys.readouterr().err
    report = json.loads((imported / "report.json").read_text(encoding="utf-8"))
    states = {a["id"]: a["state"] for a in report["per_article"]}
    assert states == {"001_ar": "ok", "002_en": "missing", "003_fr": "missing"}
    again = main(["eval", str(gold_dir), "--from-batch", str(batch), "--run-dir", str(imported)])
    assert again == exit_code(ConfigurationError("x")) != 0
    assert "already holds a run" in capsys.readouterr().err


def test_cli_run_reports_and_exits_one_when_an_article_failed(
    gold_dir: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    """Issue 14: a run whose articles errored (a wrong key fails them all) must not pass CI."""
    fake = FakeExtractor({"001_ar": result("001_ar"), "002_en": failing(),
                          "003_fr": result("003_fr")})
    monkeypatch.setitem(PIPELINES, "default",
                        Pipeline("default", "fake", lambda s: fake, lambda s: "vfake"))
    monkeypatch.chdir(tmp_path)
    assert main(["eval", str(gold_dir), "--limit", "2"]) == 1
    (run_dir,) = (tmp_path / "runs").iterdir()
    assert run_dir.name.startswith("eval-") and run_dir.name.endswith("-default")
    assert (run_dir / "predictions" / "002_en.error.json").is_file()
    out = capsys.readouterr()
    assert "errors by kind: extraction_failed 1" in out.out and "[2/2] 002_en" in out.err
    assert "llm-extract: 1 article(s) failed (extraction_failed 1)" in out.err


def test_fail_under_gates_on_the_headline_f1(
    gold_dir: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    perfect = FakeExtractor({i: result(i) for i in GOLD})
    monkeypatch.setitem(PIPELINES, "default",
                        Pipeline("default", "fake", lambda s: perfect, lambda s: "vfake"))
    run_dir = tmp_path / "run"
    assert main(["eval", str(gold_dir), "--run-dir", str(run_dir), "--fail-under", "0.5"]) == 0
    f1 = json.loads((run_dir / "report.json").read_text(encoding="utf-8"))["headline"]["f1"]
    assert main(["eval", "--score-only", str(run_dir), str(gold_dir),
                 "--fail-under", str(f1 + 0.001)]) == 1
    assert "is below --fail-under" in capsys.readouterr().err


def test_compare_prints_two_runs_side_by_side(
    gold_dir: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    first_run(gold_dir, tmp_path / "a")
    perfect = FakeExtractor({i: result(i) for i in GOLD})
    run_eval(gold_dir, tmp_path / "b", perfect, pipeline="fake", progress=io.StringIO())
    assert main(["eval-compare", str(tmp_path / "a"), str(tmp_path / "b")]) == 0
    text = capsys.readouterr().out
    assert main(["eval", "--compare", str(tmp_path / "a"), str(tmp_path / "b")]) == 0
    assert capsys.readouterr().out == text
    row = next(line for line in text.splitlines() if line.startswith("002_en"))
    # 002_en in A: 7 slots, the half-matched "Smith" costs 0.5 on name and 0.5 on name+role.
    assert row.split()[1:4] == ["0.857", "1.000", "+0.143"]
    assert "participant" in text and "003_fr" in text


def test_compare_without_report_exits_with_configuration_error(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    (tmp_path / "a").mkdir()
    assert main(["eval-compare", str(tmp_path / "a"), str(tmp_path / "a")]) == 2
    assert "--score-only" in capsys.readouterr().err


def test_first_attempt_validity_counts_reasks_and_retries_not_recall_reads(
    gold_dir: Path, tmp_path: Path,
) -> None:
    """Issue 14: a recall re-read is not a second attempt; a re-ask or a transport retry is.
    A prediction that does not record them apart is judged by ``attempts == 1`` as before."""

    def split(ident: str, reasks: int, retries: int, recall: int) -> ExtractionResult:
        made = result(ident, attempts=1 + reasks + retries + recall)
        provenance = made.provenance.model_copy(update={
            "reasks": reasks, "transport_retries": retries, "recall_calls": recall})
        return made.model_copy(update={"provenance": provenance})

    fake = FakeExtractor({"001_ar": split("001_ar", 0, 0, 2),     # first attempt, 2 recalls
                          "002_en": split("002_en", 1, 0, 0),     # one re-ask
                          "003_fr": result("003_fr", attempts=1)})  # recorded before issue 14
    report = run_eval(gold_dir, tmp_path / "run", fake, pipeline="fake",
                      progress=io.StringIO())
    assert report["validity"]["first_attempt_valid"] == 2
