"""The stappenplan on maat: which statements a school's answers select, in which phase, and what is done.

Input: a valid `Inhoud` (questions, phases, blocks and actions from content/stappenplan.yaml; `fase`,
`geldt_voor`, `klaar_als` and `actie` on each statement) and a school's answers ({question id: answer id}).
Output: the checklist. This is the one definition of the filter in Python; docs/javascripts/stappenplan.js
applies the same four rules (`matches`, `later_labels`, `asked`, `is_done`) to the same data in the browser,
and the tests prove both give the same list with the same markers. `check_stappenplan` guards the data for
`wmwm controleer`.
"""

from __future__ import annotations

import difflib
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field

from generators.inhoud.model import Antwoord, Fase, Inhoud, Item, Later, Rubriek, Uitspraak, Voorwaarden, Vraag
from generators.inhoud.problems import Problem

Antwoorden = Mapping[str, str]


def _answer(vraag: Vraag, answer: str) -> Antwoord | None:
    return next((a for a in vraag.antwoorden if a.id == answer), None)


def expanded(vraag: Vraag, answer: str) -> set[str]:
    """An answer and what it stands for ('verschilt per leerling' counts as every age)."""
    found = _answer(vraag, answer)
    return {answer, *(found.omvat if found else [])}


def later_of(vraag: Vraag, answer: str) -> list[Later]:
    """The answers that come to hold during the route: the answer's own `later`, then those of what it stands
    for (a mixed answer that includes 'under 16' inherits its 'from the 16th birthday')."""
    found = _answer(vraag, answer)
    own = [*(found.later if found else [])]
    for other in found.omvat if found else []:
        inner = _answer(vraag, other)
        own += inner.later if inner else []
    return own


def matches(voorwaarden: Voorwaarden, answers: Antwoorden, vragen: list[Vraag]) -> bool:
    """True when, for every question named, the (expanded) answer is one of the listed answers."""
    by_id = {v.id: v for v in vragen}
    for vraag_id, allowed in voorwaarden.items():
        answer = answers.get(vraag_id)
        if answer is None or not expanded(by_id[vraag_id], answer) & set(allowed):
            return False
    return True


def later_labels(voorwaarden: Voorwaarden, answers: Antwoorden, vragen: list[Vraag]) -> list[str] | None:
    """Whether a statement applies, and how: None when it does not, [] when it applies to the answers as given,
    else the markers (in question order, without repeats) of the `later` answers it applies through."""
    by_id = {v.id: v for v in vragen}
    labels: list[str] = []
    for vraag_id, allowed in voorwaarden.items():
        answer = answers.get(vraag_id)
        if answer is None:
            return None
        vraag = by_id[vraag_id]
        if expanded(vraag, answer) & set(allowed):
            continue
        later = next((x for x in later_of(vraag, answer) if expanded(vraag, x.antwoord) & set(allowed)), None)
        if later is None:
            return None
        if later.label not in labels:
            labels.append(later.label)
    return labels


def asked(inhoud: Inhoud, answers: Antwoorden) -> list[Vraag]:
    """The questions this school gets, in order; a question may depend on earlier answers."""
    return [v for v in inhoud.vragen if matches(v.gesteld_als, answers, inhoud.vragen)]


def is_done(uitspraak: Uitspraak, answers: Antwoorden) -> bool:
    """An answer already settles the statement (e.g. 'we have a samenwerkingsovereenkomst')."""
    return any(answers.get(vraag_id) in allowed for vraag_id, allowed in uitspraak.klaar_als.items())


@dataclass
class Blok:
    rubriek: Rubriek
    items: list[Uitspraak] = field(default_factory=list)


@dataclass
class FaseLijst:
    fase: Fase
    blokken: list[Blok]

    @property
    def leeg(self) -> bool:
        return not any(b.items for b in self.blokken)


@dataclass
class Stappenplan:
    answers: dict[str, str]
    fasen: list[FaseLijst]
    klaar: set[str]
    later: dict[str, str] = field(default_factory=dict)  # statement id -> marker ("Vanaf de 16e verjaardag")

    def ids(self) -> list[str]:
        """The selected statements in checklist order, for comparing with the browser."""
        return [u.id for f in self.fasen for b in f.blokken for u in b.items]


class OngeldigeAntwoorden(ValueError):
    pass


def complete(inhoud: Inhoud, answers: Antwoorden) -> dict[str, str]:
    """Only the answers to questions that are asked; refuses missing or unknown answers (Dutch message)."""
    kept: dict[str, str] = {}
    for vraag in asked(inhoud, answers):
        answer = answers.get(vraag.id)
        choice = next((a for a in vraag.antwoorden if a.id == answer), None)
        if choice is None or choice.naar_routekeuze:
            raise OngeldigeAntwoorden(f"vraag '{vraag.id}' heeft geen geldig antwoord (gekregen: {answer!r})")
        kept[vraag.id] = choice.id
    return kept


def stappenplan(inhoud: Inhoud, answers: Antwoorden) -> Stappenplan:
    """The checklist for one set of answers: per phase, per block, the statements in content order."""
    given = complete(inhoud, answers)
    in_plan = {f.id for f in inhoud.fasen if f.in_stappenplan}
    labels = {u.id: later_labels(u.geldt_voor, given, inhoud.vragen) for u in inhoud.uitspraken if u.fase in in_plan}
    phases: list[FaseLijst] = []
    for fase in inhoud.fasen:
        if not fase.in_stappenplan:
            continue
        selected = [u for u in inhoud.uitspraken if u.fase == fase.id and labels[u.id] is not None]
        blokken = [Blok(r, [u for u in selected if u.soort in r.soorten]) for r in inhoud.rubrieken]
        phases.append(FaseLijst(fase, blokken))
    shown = [u for f in phases for b in f.blokken for u in b.items]
    klaar = {u.id for u in shown if is_done(u, given)}
    later = {u.id: "; ".join(found) for u in shown if (found := labels[u.id])}
    return Stappenplan(given, phases, klaar, later)


# --- Checks for `wmwm controleer` ----------------------------------------------


def check_stappenplan(inhoud: Inhoud) -> list[Problem]:
    """Every phase, question, answer and action a statement names exists; every kind has a block."""
    problems: list[Problem] = []
    vragen = {v.id: v for v in inhoud.vragen}
    fasen = {f.id: f for f in inhoud.fasen}
    acties = {a.id for a in inhoud.acties}
    overeenkomsten = {o.id for o in inhoud.overeenkomsten}
    for i, vraag in enumerate(inhoud.vragen):
        earlier = {v.id: v for v in inhoud.vragen[:i]}
        problems += _conditions(vraag, "gesteld_als", vraag.gesteld_als, earlier, "eerdere vraag")
        ids = [a.id for a in vraag.antwoorden]
        for j, antwoord in enumerate(vraag.antwoorden):
            for k, other in enumerate(antwoord.omvat):
                if other not in ids:
                    problems.append(
                        vraag.problem("antwoorden", j, "omvat", k, message=_unknown("antwoord", other, ids))
                    )
            for k, later in enumerate(antwoord.later):
                where = ("antwoorden", j, "later", k, "antwoord")
                if later.antwoord == antwoord.id:
                    message = f"antwoord '{antwoord.id}' noemt zichzelf; noem een ander antwoord op deze vraag"
                    problems.append(vraag.problem(*where, message=message))
                elif later.antwoord not in ids:
                    problems.append(vraag.problem(*where, message=_unknown("antwoord", later.antwoord, ids)))
    for actie in inhoud.acties:
        if actie.overeenkomst not in overeenkomsten:
            problems.append(
                actie.problem("overeenkomst", message=_unknown("overeenkomst", actie.overeenkomst, overeenkomsten))
            )
    in_plan: dict[str, Uitspraak] = {}  # kind -> first statement of that kind in the checklist
    for u in inhoud.uitspraken:
        fase = fasen.get(u.fase)
        if fase is None:
            problems.append(u.problem("fase", message=_unknown("fase", u.fase, fasen)))
        elif fase.in_stappenplan:
            in_plan.setdefault(u.soort, u)
        problems += _conditions(u, "geldt_voor", u.geldt_voor, vragen, "vraag")
        problems += _conditions(u, "klaar_als", u.klaar_als, vragen, "vraag")
        if u.actie is not None and u.actie not in acties:
            problems.append(u.problem("actie", message=_unknown("actie", u.actie, acties)))
    shown = {soort for r in inhoud.rubrieken for soort in r.soorten}
    for soort, u in in_plan.items():
        if soort not in shown:
            message = (
                f"geen rubriek in content/stappenplan.yaml toont uitspraken van soort '{soort}'; "
                f"voeg '{soort}' toe aan de 'soorten' van een rubriek"
            )
            problems.append(u.problem("soort", message=message))
    return problems


def _conditions(
    item: Item, key: str, voorwaarden: Voorwaarden, vragen: Mapping[str, Vraag], kind: str
) -> list[Problem]:
    problems: list[Problem] = []
    for vraag_id, allowed in voorwaarden.items():
        vraag = vragen.get(vraag_id)
        if vraag is None:
            problems.append(item.problem(key, vraag_id, message=_unknown(kind, vraag_id, vragen)))
            continue
        ids = [a.id for a in vraag.antwoorden]
        for i, answer in enumerate(allowed):
            if answer not in ids:
                problems.append(
                    item.problem(key, vraag_id, i, message=_unknown(f"antwoord op vraag '{vraag_id}'", answer, ids))
                )
    return problems


def _unknown(kind: str, value: str, known: Iterable[str]) -> str:
    close = difflib.get_close_matches(value, sorted(known), n=1)
    hint = f"bedoelde je '{close[0]}'?" if close else f"kies uit: {', '.join(known)}"
    return f"{kind} '{value}' bestaat niet; {hint}"
