"""Ingest: stored documents are skipped before the pipeline runs; bad inputs are reported."""

from __future__ import annotations

from pathlib import Path

import pytest
from corpus_docs import FIXTURE_INPUTS, REPO
from spacy.language import Language

from newsgraph.corpus.ingest import IngestReport, ingest
from newsgraph.corpus.store import Store
from newsgraph.settings import get_settings

BAD = REPO / "tests" / "fixtures" / "bad"


@pytest.mark.model
@pytest.mark.parametrize("batch_size", [3])
def test_ingest_twice_stores_once_and_skips_before_the_pipeline(
    tmp_path: Path, nlp: Language, monkeypatch: pytest.MonkeyPatch, batch_size: int
) -> None:
    progress: list[int] = []
    with Store.open(tmp_path / "news.db") as store:
        first = ingest(
            [*FIXTURE_INPUTS, str(BAD)],
            store,
            settings=get_settings(),
            nlp=nlp,
            batch_size=batch_size,
            on_progress=lambda r: progress.append(r.processed),
        )
        stats = store.stats()
        assert first.added == stats.documents >= 20
        assert first.events == stats.events > 0
        assert progress == sorted(progress) and progress[-1] == first.added
        # the bad inputs are reported by name, the good ones are stored all the same
        failed = {Path(f.source).name for f in first.failures}
        assert {"empty.txt", "french.txt", "whitespace.txt"} <= failed

        # a second run neither loads nor runs the pipeline
        import newsgraph.pipeline
        import newsgraph.process

        def refuse(*args: object, **kwargs: object) -> None:
            raise AssertionError("the pipeline ran on stored documents")

        monkeypatch.setattr(newsgraph.pipeline, "load", refuse)
        monkeypatch.setattr(newsgraph.process, "extract_many", refuse)
        second = ingest(
            [*FIXTURE_INPUTS, str(BAD)], store, settings=get_settings(), batch_size=batch_size
        )
        assert (second.added, second.skipped) == (0, first.added)
        assert second.failures == first.failures
        assert store.stats() == stats


@pytest.mark.model
def test_ingest_same_text_twice_in_one_run_is_stored_once(tmp_path: Path, nlp: Language) -> None:
    text = (
        "Ministers meet in Oslo\n\nOSLO, May 2 (Wire Service C) - Foreign ministers of Norway "
        "and Sweden met in Oslo on Friday to discuss Arctic security, the Norwegian foreign "
        "ministry said."
    )
    first, second = tmp_path / "a.txt", tmp_path / "b.txt"
    first.write_text(text, encoding="utf-8")
    second.write_text(text, encoding="utf-8")
    with Store.open(tmp_path / "news.db") as store:
        report = ingest([str(first), str(second)], store, settings=get_settings(), nlp=nlp)
        assert (report.added, report.skipped) == (1, 1)
        assert store.stats().documents == 1


def test_ingest_only_bad_inputs_reports_them_without_loading_the_model(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import newsgraph.pipeline

    monkeypatch.setattr(newsgraph.pipeline, "load", lambda *a, **k: pytest.fail("model loaded"))
    seen = []
    with Store.open(tmp_path / "news.db") as store:
        report = ingest(
            [str(BAD / "empty.txt"), str(tmp_path / "missing.txt")],
            store,
            settings=get_settings(),
            on_failure=seen.append,
        )
    assert isinstance(report, IngestReport)
    assert report.added == 0 and len(report.failures) == 2 == len(seen)
    assert "no such file" in report.failures[1].reason
