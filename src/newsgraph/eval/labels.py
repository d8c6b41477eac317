"""Label mappings shared by the event scorers: PLOVER, older PLOVER, CAMEO and corpus labels.

Annotated corpora label events in several ontologies: CAMEO codes (two- to four-digit
strings), the CAMEO PentaClass (five coarse classes), drafts of PLOVER older than today's
16 types, and corpus-specific questions such as IndiaPoliceEvents' "did police kill
someone?". newsgraph emits today's PLOVER types (``Event.type``), so every scorer needs the
same translation tables. Keeping them here, in one documented place, means two scorers never
disagree about what, say, ``DISAPPROVE`` becomes.

Every table is derived from the CAMEO root code of a type, because CAMEO roots are the one
vocabulary all these ontologies were built from:

* CAMEO root -> PLOVER type: the table in the PLOVER README and ``CAMEO2PLOVER-2021.txt``
  (PLOVER manual draft 0.8, 2021).
* Old PLOVER label -> PLOVER type: the CAMEO root the old label covered, then the row above.
* PLOVER type -> PentaClass: the CAMEO root of the type, then the Phoenix/PETRARCH
  PentaClass ("quad class" with a neutral class 0) of that root.

The functions accept any capitalisation and return ``None`` for labels they cannot map, so
callers decide explicitly what an unmappable label scores as.
"""

from __future__ import annotations

import logging
from collections.abc import Iterable
from types import MappingProxyType

from newsgraph.events.codes import PLOVER_TYPES as EVENT_PLOVER_TYPES

logger = logging.getLogger(__name__)

PLOVER_TYPES: tuple[str, ...] = EVENT_PLOVER_TYPES
"""Today's 16 PLOVER event types, the values of ``Event.type`` (the events stage's list)."""

CAMEO_ROOT_TO_PLOVER: MappingProxyType[str, str | None] = MappingProxyType(
    {
        "01": None,  # MAKE PUBLIC STATEMENT: dropped by PLOVER
        "02": None,  # APPEAL: dropped by PLOVER
        "03": "AGREE",  # EXPRESS INTENT TO COOPERATE
        "04": "CONSULT",
        "05": "SUPPORT",  # ENGAGE IN DIPLOMATIC COOPERATION
        "06": "COOPERATE",  # ENGAGE IN MATERIAL COOPERATION
        "07": "AID",
        "08": "CONCEDE",  # YIELD; 084-087 are RETREAT, see plover_from_cameo()
        "09": "ACCUSE",  # INVESTIGATE (mode "investigate" in the 2021 table)
        "10": "REQUEST",  # DEMAND
        "11": "ACCUSE",  # DISAPPROVE
        "12": "REJECT",
        "13": "THREATEN",
        "14": "PROTEST",
        "15": "MOBILIZE",  # EXHIBIT FORCE POSTURE
        "16": "SANCTION",  # REDUCE RELATIONS
        "17": "COERCE",
        "18": "ASSAULT",
        "19": "ASSAULT",  # FIGHT
        "20": "ASSAULT",  # USE UNCONVENTIONAL MASS VIOLENCE
    }
)
"""CAMEO root (two digits) -> PLOVER type, as in the PLOVER README and the 2021 table."""

CAMEO_CODE_EXCEPTIONS: MappingProxyType[str, str] = MappingProxyType(
    {
        "084": "RETREAT",  # YIELD 084-087 is the material half of CAMEO's YIELD
        "085": "RETREAT",
        "086": "RETREAT",
        "087": "RETREAT",
        "0813": "RETREAT",  # ease curfew
        "0814": "RETREAT",  # ease state of emergency or martial law
        "163": "COERCE",  # impose embargo, boycott or sanctions
        "1712": "ASSAULT",  # destroy property
        "175": "ASSAULT",  # use (tactics of) violent repression
        "191": "COERCE",  # impose blockade, restrict movement
        "192": "COERCE",  # occupy territory
    }
)
"""CAMEO codes whose PLOVER type differs from their root's (``CAMEO2PLOVER-2021.txt``).

Longer codes inherit from the longest listed prefix, so ``0841`` is RETREAT like ``084``.
"""

OLD_PLOVER_TO_PLOVER: MappingProxyType[str, str | None] = MappingProxyType(
    {
        **{label: label for label in PLOVER_TYPES},
        "DEMAND": "REQUEST",  # CAMEO 10
        "DISAPPROVE": "ACCUSE",  # CAMEO 11
        "INVESTIGATE": "ACCUSE",  # CAMEO 09
        "FIGHT": "ASSAULT",  # CAMEO 19
        "CRIME": None,  # no CAMEO root; not one of today's types
    }
)
"""Labels of PLOVER drafts (0.5-0.6, used by the PLOVER gold-standard records) -> today's type.

Old labels are mapped at the level of their CAMEO root: a record labelled SANCTION stays
SANCTION even though the 2021 table moves CAMEO 163 (embargo) to COERCE, because old records
carry no CAMEO code to tell 163 from the rest of root 16.
"""

PENTACLASS_NAMES: MappingProxyType[int, str] = MappingProxyType(
    {
        0: "neutral",
        1: "verbal cooperation",
        2: "material cooperation",
        3: "verbal conflict",
        4: "material conflict",
    }
)
"""The CAMEO PentaClass labels (ConfliBERT's ``cameo_class`` data, Phoenix ``quad_class``)."""

_PENTACLASS_ROOTS: tuple[tuple[int, range], ...] = (
    (0, range(1, 3)),  # 01-02 statements and appeals
    (1, range(3, 6)),  # 03-05
    (2, range(6, 9)),  # 06-08
    (3, range(9, 14)),  # 09-13
    (4, range(14, 21)),  # 14-20
)

CAMEO_ROOT_TO_PENTACLASS: MappingProxyType[str, int] = MappingProxyType(
    {f"{root:02d}": penta for penta, roots in _PENTACLASS_ROOTS for root in roots}
)
"""CAMEO root -> PentaClass, the Phoenix/PETRARCH convention with 01-02 as neutral (0).

Note that this differs from the quad categories of the PLOVER README (which puts CONCEDE in
verbal cooperation, INVESTIGATE in material cooperation and SANCTION in verbal conflict) and
from GDELT's QuadClass (no neutral class, 01-02 verbal cooperation, 14 verbal conflict).
CAMEO-coded corpora follow the CAMEO roots, so the scorers do too; ConfliBERT's cameo_class
data labels appeals (CAMEO 02) 0, which confirms the neutral class covers 01-02.
"""

PLOVER_CAMEO_ROOT: MappingProxyType[str, str] = MappingProxyType(
    {
        "AGREE": "03",
        "CONSULT": "04",
        "SUPPORT": "05",
        "COOPERATE": "06",
        "AID": "07",
        "CONCEDE": "08",
        "RETREAT": "08",
        "ACCUSE": "11",  # also 09 (investigate); both are verbal conflict
        "REQUEST": "10",
        "REJECT": "12",
        "THREATEN": "13",
        "PROTEST": "14",
        "MOBILIZE": "15",
        "SANCTION": "16",
        "COERCE": "17",
        "ASSAULT": "18",  # also 19 and 20; all material conflict
    }
)
"""PLOVER type -> its main CAMEO root (the root that gives its PentaClass)."""

PLOVER_TO_PENTACLASS: MappingProxyType[str, int] = MappingProxyType(
    {label: CAMEO_ROOT_TO_PENTACLASS[root] for label, root in PLOVER_CAMEO_ROOT.items()}
)
"""PLOVER type -> CAMEO PentaClass, through the type's CAMEO root."""


def plover_from_old(label: str | None) -> str | None:
    """Map a PLOVER label of any draft (old or current) to today's type.

    Args:
        label: An event label such as ``"DEMAND"`` or ``"ASSAULT"``.

    Returns:
        Today's PLOVER type, or ``None`` for labels with no CAMEO root (``CRIME``,
        ``DOCUMENT``) and for unknown labels.
    """
    if not label:
        return None
    return OLD_PLOVER_TO_PLOVER.get(label.strip().upper())


def plover_from_cameo(code: str | None) -> str | None:
    """Map a CAMEO event code (``"19"``, ``"0841"``, ``"1712"``) to today's PLOVER type.

    The longest prefix listed in ``CAMEO_CODE_EXCEPTIONS`` wins; otherwise the code's root
    decides. Roots 01 and 02 (statements, appeals) have no PLOVER type.

    Returns:
        The PLOVER type, or ``None`` for dropped roots and malformed codes.
    """
    if not code:
        return None
    code = code.strip()
    for length in range(len(code), 2, -1):
        if code[:length] in CAMEO_CODE_EXCEPTIONS:
            return CAMEO_CODE_EXCEPTIONS[code[:length]]
    return CAMEO_ROOT_TO_PLOVER.get(code[:2])


def pentaclass_from_cameo(code: str | None) -> int | None:
    """Map a CAMEO event code to its PentaClass (0-4) through its root, or ``None``."""
    if not code:
        return None
    return CAMEO_ROOT_TO_PENTACLASS.get(code.strip()[:2])


def pentaclass(event_type: str | None, quad_class: int | None = None) -> int | None:
    """The PentaClass of an event: its own ``quad_class`` if set, else from its PLOVER type.

    Args:
        event_type: A PLOVER type (today's or an old draft's label).
        quad_class: ``Event.quad_class`` when the extractor filled it in (0-4, 0 = neutral).

    Returns:
        0-4, or ``None`` when neither gives a class.
    """
    if quad_class is not None and quad_class in PENTACLASS_NAMES:
        return quad_class
    plover = plover_from_old(event_type)
    return PLOVER_TO_PENTACLASS.get(plover) if plover else None


IPE_KILL = "KILL"
"""IndiaPoliceEvents label for "Did police kill someone?"."""

IPE_ARREST = "ARREST"
"""IndiaPoliceEvents label for "Did police arrest someone?"."""

IPE_KILL_STATUSES: frozenset[str] = frozenset({"killed"})
"""``Quantity.status`` values that make an event a killing."""

IPE_KILL_ASSAULT_MODES: frozenset[str] = frozenset({"assassinate", "massacre", "kill"})
"""ASSAULT modes that mean someone was killed (PLOVER 2021 modes plus a plain ``kill``)."""

IPE_ARREST_STATUSES: frozenset[str] = frozenset({"arrested", "detained"})
"""``Quantity.status`` values that make an event an arrest."""

IPE_ARREST_COERCE_MODES: frozenset[str] = frozenset({"arrest"})
"""COERCE modes that mean an arrest (PLOVER 2021: CAMEO 173 is ``COERCE, arrest``)."""


def india_police_labels(
    event_type: str | None, mode: str | None, statuses: Iterable[str | None] = ()
) -> frozenset[str]:
    """The IndiaPoliceEvents labels (KILL, ARREST) one event supports.

    The rule reads only contract fields, so it scores any extractor the same way:

    * KILL: a quantity has a status in ``IPE_KILL_STATUSES``, or the event is ASSAULT with a
      mode in ``IPE_KILL_ASSAULT_MODES``.
    * ARREST: a quantity has a status in ``IPE_ARREST_STATUSES``, or the event is COERCE
      with a mode in ``IPE_ARREST_COERCE_MODES``.

    The corpus asks whether *police* acted; this rule does not check who the source is,
    because actor sectors are not yet filled in. It therefore over-predicts on killings and
    arrests by others, exactly like the keyword baseline it is compared with.

    Args:
        event_type: ``Event.type``.
        mode: ``Event.mode``.
        statuses: The ``status`` of each of the event's quantities.
    """
    plover = plover_from_old(event_type)
    mode_norm = (mode or "").strip().lower()
    status_set = {(s or "").strip().lower() for s in statuses}
    labels: set[str] = set()
    if status_set & IPE_KILL_STATUSES or (
        plover == "ASSAULT" and mode_norm in IPE_KILL_ASSAULT_MODES
    ):
        labels.add(IPE_KILL)
    if status_set & IPE_ARREST_STATUSES or (
        plover == "COERCE" and mode_norm in IPE_ARREST_COERCE_MODES
    ):
        labels.add(IPE_ARREST)
    return frozenset(labels)
