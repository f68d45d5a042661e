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
from typing import get_args

from generators.inhoud.model import (
    Antwoord,
    Fase,
    Inhoud,
    Item,
    Later,
    Rubriek,
    Uitspraak,
    Voorwaarden,
    Vraag,
    Wie,
)
from generators.inhoud.problems import Problem, WmwmError

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


# The question whose answer says for whom the plan is; its answers are values of `wie` (checked below).
WIE_VRAAG = "wie"


def now_phases(inhoud: Inhoud, answers: Antwoorden) -> set[str]:
    """The phases whose open duties come first: the phase the answers place the reader in, and every earlier one.
    No phase matches: all of them are now."""
    fasen = [f for f in inhoud.fasen if f.in_stappenplan]
    current = next((i for i, f in enumerate(fasen) if f.nu_als and matches(f.nu_als, answers, inhoud.vragen)), None)
    return {f.id for f in (fasen if current is None else fasen[: current + 1])}


@dataclass
class Blok:
    rubriek: Rubriek
    items: list[Uitspraak] = field(default_factory=list)


@dataclass
class FaseLijst:
    fase: Fase
    blokken: list[Blok]
    nu: bool = True  # in "Nu te doen" (this phase or an earlier one), else under "Daarna"

    @property
    def leeg(self) -> bool:
        return not any(b.items for b in self.blokken)


@dataclass
class Groep:
    """What another party does ("Wat de anderen doen"), in checklist order."""

    wie: Wie
    items: list[Uitspraak]


@dataclass
class Stappenplan:
    answers: dict[str, str]
    fasen: list[FaseLijst]  # the reader's own statements that are still open, per phase and block
    klaar: list[Uitspraak]  # the reader's own statements an answer settles ("Al geregeld")
    anderen: list[Groep]  # the other parties' statements, by party
    later: dict[str, str] = field(default_factory=dict)  # statement id -> marker ("Vanaf de 16e verjaardag")

    @property
    def wie(self) -> str:
        return self.answers[WIE_VRAAG]

    def ids(self) -> list[str]:
        """The reader's open statements in checklist order, for comparing with the browser."""
        return [u.id for f in self.fasen for b in f.blokken for u in b.items]

    def all_ids(self) -> list[str]:
        """Every statement the plan holds, in the order of the page: own open, settled, the others'."""
        return self.ids() + [u.id for u in self.klaar] + [u.id for g in self.anderen for u in g.items]


class OngeldigeAntwoorden(WmwmError):
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
    """The plan for one set of answers. The reader's own statements (`wie` is the answer to 'wie') that are
    still open, per phase and block; those an answer settles apart; then every other party's statements."""
    given = complete(inhoud, answers)
    wie = given[WIE_VRAAG]
    in_plan = [f for f in inhoud.fasen if f.in_stappenplan]
    order = {f.id: i for i, f in enumerate(in_plan)}
    labels = {u.id: later_labels(u.geldt_voor, given, inhoud.vragen) for u in inhoud.uitspraken if u.fase in order}
    selected = sorted(
        (u for u in inhoud.uitspraken if u.fase in order and labels[u.id] is not None), key=lambda u: order[u.fase]
    )
    own = [u for u in selected if u.wie == wie]
    klaar = [u for u in own if is_done(u, given)]
    open_ = [u for u in own if u not in klaar]
    nu = now_phases(inhoud, given)
    phases = [
        FaseLijst(
            f,
            [Blok(r, [u for u in open_ if u.fase == f.id and u.soort in r.soorten]) for r in inhoud.rubrieken],
            f.id in nu,
        )
        for f in in_plan
    ]
    anderen = [Groep(p, items) for p in get_args(Wie) if p != wie and (items := [u for u in selected if u.wie == p])]
    later = {u.id: "; ".join(found) for u in selected if (found := labels[u.id])}
    return Stappenplan(given, phases, klaar, anderen, later)


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
    problems += _check_wie_vraag(inhoud)
    for phase in inhoud.fasen:
        problems += _conditions(phase, "nu_als", phase.nu_als, vragen, "vraag")
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


def _check_wie_vraag(inhoud: Inhoud) -> list[Problem]:
    """The question 'wie' exists, and each of its answers is a value of `wie` (the party the plan is for)."""
    wie_vraag = next((v for v in inhoud.vragen if v.id == WIE_VRAAG), None)
    if wie_vraag is None:
        first = inhoud.vragen[:1]
        message = f"vraag '{WIE_VRAAG}' ontbreekt; het stappenplan vraagt eerst voor wie het is"
        return [first[0].problem("id", message=message)] if first else []
    parties = get_args(Wie)
    return [
        wie_vraag.problem(
            "antwoorden", j, "id", message=_unknown("partij", a.id, parties) + "; de antwoorden zijn waarden van 'wie'"
        )
        for j, a in enumerate(wie_vraag.antwoorden)
        if a.id not in parties
    ]


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
    hint = f"bedoelde u '{close[0]}'?" if close else f"kies uit: {', '.join(known)}"
    return f"{kind} '{value}' bestaat niet; {hint}"
