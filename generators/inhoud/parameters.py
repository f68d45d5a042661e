"""Parameters resolved once, right after loading: derived numbers computed, `{parameter-id}` in texts filled in
(statements, clauses, field help and rule messages; in a message, the names the rule fills itself stay).

A statement or a clause writes `{dagen-buitenschools-min-kind}` where a number from content/parameters.yaml
belongs, so a number that follows from the law (the days the minimum hours take at a young pupil's daily maximum)
is computed by the build and never typed. Every later step (pages, search, stappenplan, DOCX) sees the filled-in text.
"""

from __future__ import annotations

import math
import re
from decimal import Decimal

from generators.inhoud.formats import format_number
from generators.inhoud.model import MELDING_NAMEN, Inhoud, Item, Parameter, RegelMetMelding
from generators.inhoud.problems import Problem
from generators.inhoud.suggest import missing

# `{id}` with single braces; `{{ veld }}` (an agreement field) is not a parameter.
PARAMETER_REF = re.compile(r"(?<!\{)\{([a-z0-9]+(?:-[a-z0-9]+)*)\}(?!\})")


def resolve_parameters(inhoud: Inhoud) -> list[Problem]:
    """Compute derived parameters, then fill every `{id}` in statements and clauses; every problem at once."""
    problems = _compute(inhoud.parameters)
    # a derived parameter whose calculation failed has no value: that problem is reported once, at the calculation
    values = {p.id: None if p.waarde is None else format_number(p.waarde) for p in inhoud.parameters}

    def fill(item: Item, text: str, *path: str | int, runtime: frozenset[str] = frozenset()) -> str:
        def one(match: re.Match[str]) -> str:
            if match.group(1) in runtime:  # filled when the rule runs ({leeftijd}, {max}, …)
                return match.group(0)
            if match.group(1) not in values:
                problems.append(item.problem(*path, message=missing("parameter", match.group(1), values)))
            return values.get(match.group(1)) or match.group(0)

        return PARAMETER_REF.sub(one, text)

    for u in inhoud.uitspraken:
        u.regel = fill(u, u.regel, "regel")
        u.toelichting = fill(u, u.toelichting, "toelichting")
        if u.open_vraag is not None:
            u.open_vraag.tekst = fill(u, u.open_vraag.tekst, "open_vraag", "tekst")
    for o in inhoud.overeenkomsten:
        for i, veld in enumerate(o.velden):
            if veld.hulp is not None:
                veld.hulp = fill(o, veld.hulp, "velden", i, "hulp")
        for i, clausule in enumerate(o.clausules):
            for j, lid in enumerate(clausule.leden):
                lid.tekst = fill(o, lid.tekst, "clausules", i, "leden", j, "tekst")
        for i, regel in enumerate(o.regels):
            if isinstance(regel, RegelMetMelding):
                regel.melding = fill(o, regel.melding, "regels", i, "melding", runtime=MELDING_NAMEN)
            for j, grens in enumerate(getattr(regel, "grenzen", [])):
                grens.melding = fill(o, grens.melding, "regels", i, "grenzen", j, "melding", runtime=MELDING_NAMEN)
    return problems


def _compute(parameters: list[Parameter]) -> list[Problem]:
    """`waarde` of each derived parameter from its inputs (themselves possibly derived); its sources are theirs."""
    by_id = {p.id: p for p in parameters}
    problems: list[Problem] = []
    pending = [p for p in parameters if p.berekening is not None]
    for p in pending:
        assert p.berekening is not None
        for key in ("deel", "door"):
            ref = getattr(p.berekening, key)
            if ref not in by_id:
                problems.append(p.problem("berekening", key, message=missing("parameter", ref, by_id)))
    if problems:
        return problems
    while pending:
        ready = [p for p in pending if all(by_id[ref].waarde is not None for ref in _inputs(p))]
        if not ready:
            return [p.problem("berekening", message=_circle(p)) for p in pending]
        for p in ready:
            deel, door = (by_id[ref] for ref in _inputs(p))
            assert deel.waarde is not None and door.waarde is not None
            if door.waarde == 0:
                problems.append(p.problem("berekening", "door", message=f"parameter '{door.id}' is 0"))
                p.waarde = Decimal(0)
            else:
                p.waarde = Decimal(math.ceil(deel.waarde / door.waarde))
            p.bronnen = p.bronnen or [*deel.bronnen, *door.bronnen]
            pending.remove(p)
    return problems


def _inputs(p: Parameter) -> tuple[str, str]:
    assert p.berekening is not None
    return p.berekening.deel, p.berekening.door


def _circle(p: Parameter) -> str:
    return f"de berekening van '{p.id}' hangt via andere berekeningen van zichzelf af; doorbreek de kring"
