"""Run one dataset's scorer, or all of them, and collect their results."""

from __future__ import annotations

import importlib
import importlib.util
import logging
import time
from collections.abc import Callable

from newsgraph.errors import ConfigError
from newsgraph.eval.base import DATASETS, DataMissingError, EvalContext, EvalResult

logger = logging.getLogger(__name__)

SCORER_MODULES = (
    "polnear",
    "plover_gsr",
    "conflibert",
    "muc4",
    "wikievents",
    "india_police",
    "geoparsing",
    "tempeval3",
    "meantime",
    "conll2003",
)
"""Modules of ``newsgraph.eval`` that register scorers, in the order ``eval all`` runs them."""


def load_scorers() -> dict[str, Callable[[EvalContext], EvalResult]]:
    """Import every scorer module and return the registry."""
    for module in SCORER_MODULES:
        name = f"newsgraph.eval.{module}"
        if importlib.util.find_spec(name) is not None:
            importlib.import_module(name)
    return DATASETS


def dataset_names() -> list[str]:
    """Names accepted by ``newsgraph eval``, in run order."""
    return list(load_scorers())


def run_eval(
    name: str,
    ctx: EvalContext,
    *,
    on_skip: Callable[[str, str], None] | None = None,
    task: str | None = None,
) -> list[EvalResult]:
    """Run the scorer for ``name`` (or every scorer for ``all``).

    With ``all``, a dataset whose data is missing is skipped (reported through ``on_skip``);
    with one name, a missing dataset raises ``DataMissingError``. A ``task`` other than a
    dataset's default tasks is registered as its own dataset ``NAME-TASK`` (``meantime
    --task coref`` runs ``meantime-coref``), so ``all`` runs it too.

    Raises:
        ConfigError: ``name`` is not a known dataset, or has no such task.
        DataMissingError: The one requested dataset is not in the data folder.
    """
    scorers = load_scorers()
    if task:
        if name == "all" or f"{name}-{task}" not in scorers:
            tasks = [n.removeprefix(f"{name}-") for n in scorers if n.startswith(f"{name}-")]
            known = f" (tasks: {', '.join(tasks)})" if tasks else ""
            raise ConfigError(f"dataset {name!r} has no task {task!r}{known}")
        name = f"{name}-{task}"
    if name != "all" and name not in scorers:
        raise ConfigError(f"unknown dataset {name!r}; choose one of: all, {', '.join(scorers)}")
    if not ctx.data_dir.is_dir():
        raise DataMissingError(
            f"evaluation data folder {ctx.data_dir} not found; pass --data or set NEWSGRAPH_DATA"
        )
    names = list(scorers) if name == "all" else [name]
    results = []
    for dataset in names:
        started = time.perf_counter()
        try:
            result = scorers[dataset](ctx)
        except DataMissingError as error:
            if name != "all":
                raise
            logger.warning("skipping %s: %s", dataset, error)
            if on_skip:
                on_skip(dataset, str(error))
            continue
        result.seconds = round(time.perf_counter() - started, 1)
        if not result.command:
            limit = f" --limit {ctx.limit}" if ctx.limit else ""
            result.command = f"newsgraph eval {dataset} --split {result.split}{limit}"
        results.append(result)
    return results
