"""The `wmwm` command: the only place that turns errors into output and exit codes."""

from __future__ import annotations

import contextlib
import enum
import json
import re
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, NoReturn

import typer

from generators import cli_nl  # noqa: F401  (Dutch help texts)
from generators.inhoud.content import check_all, count_items, load_content
from generators.inhoud.formats import aantal
from generators.inhoud.lawimport import NEW_ONDERWERP
from generators.inhoud.problems import BestandError, ContentError, ReviewNeeded
from generators.inhoud.review import review_problems

if TYPE_CHECKING:  # the agreement and site layers load only for the commands that need them (controleer stays fast)
    from generators.inhoud.model import Overeenkomst
    from generators.overeenkomsten.documenten import Agreements

app = typer.Typer(
    help="Wat moet en wat mag: inhoud controleren, site en overeenkomsten bouwen.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)


def project_root(start: Path) -> Path | None:
    """The nearest folder at or above `start` with mkdocs.yml and content/: wmwm works from any folder inside."""
    for folder in [start, *start.parents]:
        if (folder / "mkdocs.yml").is_file() and (folder / "content").is_dir():
            return folder
    return None


def _from_root(ctx: typer.Context, param: typer.CallbackParam, value: Path) -> Path:
    """A default path (content/, the project, bronnen/wetten) is taken from the project root, wherever wmwm runs;
    a path the user typed stays relative to where they are."""
    source = ctx.get_parameter_source(param.name) if param.name else None
    if source is None or source.name != "DEFAULT":
        return value
    root = project_root(Path.cwd())
    if root is None:
        typer.echo(
            f"Geen wmwm-project gevonden in {Path.cwd()} of een map daarboven (een projectmap heeft mkdocs.yml en "
            "content/); ga naar de projectmap of geef --project MAP.",
            err=True,
        )
        raise typer.Exit(2)
    return root / value if str(value) != "." else root


Inhoud = Annotated[Path, typer.Option("--inhoud", help="Map met de inhoud (YAML).", callback=_from_root)]
Project = Annotated[
    Path,
    typer.Option("--project", help="Projectmap met mkdocs.yml, content/, templates/ en docs/.", callback=_from_root),
]
Uitvoer = Annotated[
    Path,
    typer.Option(
        "--uitvoer", help="Map waarin de site komt; wordt pas vervangen als alles gelukt is.", callback=_from_root
    ),
]
Adres = Annotated[
    str | None,
    typer.Option(
        "--adres",
        help="Webadres van de site, bijvoorbeeld https://www.voorbeeld.nl/ (standaard: het adres in "
        "content/publicatie.yaml).",
    ),
]


@app.callback()
def _root() -> None:
    """Wat moet en wat mag: inhoud controleren, site en overeenkomsten bouwen."""


def _fail(lines: list[str], summary: str) -> NoReturn:
    for line in lines:
        typer.echo(line, err=True)
    typer.echo(summary, err=True)
    raise typer.Exit(1)


def _fail_content(exc: ContentError, outcome: str) -> NoReturn:
    """One line per problem, then e.g. '1 fout gevonden; niets gebouwd.' or what to review."""
    problems = exc.problems
    if isinstance(exc, ReviewNeeded):
        _fail(
            [str(p) for p in problems],
            f"{aantal(len(problems), 'uitspraak of clausule', 'uitspraken en clausules')} "
            "(opnieuw) beoordelen: lees de genoemde wetsleden en draai 'wmwm beoordeel ID …' voor elk ervan.",
        )
    _fail([str(p) for p in problems], f"{aantal(len(problems), 'fout', 'fouten')} gevonden; {outcome}")


@contextlib.contextmanager
def _steps() -> Iterator[Callable[[str], None]]:
    """A spinner with the step a long command is in (only on a terminal; pipes and logs stay clean)."""
    from rich.console import Console

    with Console(stderr=True).status("Inhoud lezen en controleren") as status:
        yield lambda step: status.update(step)


@app.command()
def controleer(inhoud: Inhoud = Path("content")) -> None:
    """Controleer alle inhoud en meld elke fout met bestand:regel."""
    from generators.overeenkomsten.batch import check_examples

    try:
        data = check_all(inhoud)
        check_examples(data)
    except ContentError as exc:
        _fail_content(exc, "niets gebouwd.")
    typer.echo(f"{aantal(count_items(data), 'onderdeel', 'onderdelen')} gecontroleerd, geen fouten")


class MotorKeuze(enum.StrEnum):
    """The engines of generators/site/motor.py (MOTOREN)."""

    mkdocs = "mkdocs"
    zensical = "zensical"


@app.command()
def bouw(
    uitvoer: Uitvoer = Path("site"),
    project: Project = Path("."),
    motor: Annotated[
        MotorKeuze, typer.Option("--motor", help="Wat de pagina's opmaakt: mkdocs (standaard) of zensical.")
    ] = MotorKeuze.mkdocs,
) -> None:
    """Controleer de inhoud en bouw de site met alle downloads."""
    from generators.site.bouw import BuildError, build_site

    try:
        with _steps() as step:
            build_site(project, uitvoer, progress=step, motor=motor.value)
    except ContentError as exc:
        _fail_content(exc, f"{uitvoer} is niet veranderd.")
    except BuildError as exc:
        _fail([str(exc)], "Bouwen mislukt.")
    typer.echo(f"Site gebouwd in {uitvoer}")


@app.command()
def bekijk(
    project: Project = Path("."),
    poort: Annotated[
        int, typer.Option("--poort", help="Poort van de voorvertoning op 127.0.0.1.", min=1, max=65535)
    ] = 8000,
) -> None:
    """Bekijk de site op http://127.0.0.1:8000; bouwt opnieuw bij elke wijziging in content/, templates/ of docs/."""
    from generators.site.voorvertoning import serve

    try:
        serve(project, poort, lambda line, error: typer.echo(line, err=error))
    except OSError:
        typer.echo(f"Poort {poort} is al in gebruik; kies een andere met --poort N.", err=True)
        raise typer.Exit(2) from None
    except KeyboardInterrupt:
        typer.echo("Voorvertoning gestopt.")


@app.command()
def overeenkomst(
    id: Annotated[
        str | None, typer.Argument(help="Id van de overeenkomst, bijvoorbeeld leer-werkovereenkomst.")
    ] = None,
    lijst: Annotated[bool, typer.Option("--lijst", help="Toon alle overeenkomsten.")] = False,
    als_json: Annotated[bool, typer.Option("--json", help="Uitvoer als JSON (bij --lijst).")] = False,
    velden: Annotated[bool, typer.Option("--velden", help="Toon de invulvelden als JSON.")] = False,
    gegevens: Annotated[Path | None, typer.Option("--gegevens", help="JSON- of YAML-bestand met de waarden.")] = None,
    csv_bestand: Annotated[
        Path | None, typer.Option("--csv", help="Ingevuld invulbestand (.xlsx of .csv): één overeenkomst per rij.")
    ] = None,
    uitvoer: Annotated[Path | None, typer.Option("--uitvoer", help="Word-bestand (of map bij --csv).")] = None,
    project: Project = Path("."),
) -> None:
    """Maak een overeenkomst op maat als Word-bestand, of veel tegelijk uit een CSV-bestand."""
    from generators.inhoud.publication import site_meta
    from generators.overeenkomsten.documenten import Agreements
    from generators.overeenkomsten.velden import fields_json

    try:
        inhoud = load_content(project / "content")
    except ContentError as exc:
        _fail(
            [str(p) for p in exc.problems],
            f"{aantal(len(exc.problems), 'fout', 'fouten')} in de inhoud; eerst herstellen.",
        )
    if lijst:
        items = [{"id": o.id, "titel": o.titel} for o in inhoud.overeenkomsten]
        typer.echo(
            json.dumps(items, ensure_ascii=False, indent=2)
            if als_json
            else "\n".join(f"{i['id']}: {i['titel']}" for i in items)
        )
        return
    chosen = next((o for o in inhoud.overeenkomsten if o.id == id), None)
    if chosen is None:
        known = ", ".join(o.id for o in inhoud.overeenkomsten)
        _fail([f"Onbekende overeenkomst '{id}'. Kies uit: {known}"], "Niets gemaakt.")
    if velden:
        typer.echo(json.dumps(fields_json(chosen), ensure_ascii=False, indent=2))
        return
    builder = Agreements(project, site_meta(inhoud))
    if uitvoer is None or (gegevens is None) == (csv_bestand is None):
        _fail(["Geef --gegevens BESTAND of --csv BESTAND, en --uitvoer."], "Niets gemaakt.")
    if gegevens is not None:
        _one(builder, chosen, gegevens, uitvoer)
    else:
        assert csv_bestand is not None
        _many(builder, chosen, csv_bestand, uitvoer)


def _one(builder: Agreements, o: Overeenkomst, gegevens: Path, uitvoer: Path) -> None:
    from generators.overeenkomsten.regels import InvoerError, check_values
    from generators.overeenkomsten.velden import read_values

    try:
        ingevuld = check_values(o, read_values(gegevens))
    except InvoerError as exc:
        _fail(
            [f"{gegevens}: {f}" for f in exc.fouten],
            f"{aantal(len(exc.fouten), 'fout', 'fouten')}; er is geen bestand gemaakt.",
        )
    except BestandError as exc:
        _fail([str(exc)], "Er is geen bestand gemaakt.")
    data = builder.fill(o, ingevuld)
    uitvoer.parent.mkdir(parents=True, exist_ok=True)
    uitvoer.write_bytes(data)
    for waarschuwing in ingevuld.waarschuwingen:
        typer.echo(f"Let op: {gegevens}: {waarschuwing}", err=True)
    typer.echo(f"Gemaakt: {uitvoer}")


def _many(builder: Agreements, o: Overeenkomst, csv_bestand: Path, uitvoer: Path) -> None:
    from rich.progress import Progress

    from generators.overeenkomsten.batch import AANTALLEN, INVULBESTAND, read_rows, run_batch

    try:
        rows = read_rows(csv_bestand)
    except BestandError as exc:
        _fail([str(exc)], "Er is niets gemaakt.")
    with Progress(transient=True) as bar:
        task = bar.add_task("Overeenkomsten maken", total=len(rows))
        result = run_batch(builder, o, rows, uitvoer, progress=lambda _: bar.advance(task))
    for number in result.examples:
        typer.echo(INVULBESTAND["voorbeeld_overgeslagen"].format(rij=number), err=True)
    for meldingen in [*result.failed.values(), *result.warned.values()]:
        for melding in meldingen:
            typer.echo(melding, err=True)
    summary = (
        f"{aantal(len(result.written), *AANTALLEN['overeenkomst'])} gemaakt in {uitvoer}; "
        f"{aantal(len(result.failed), *AANTALLEN['rij'])} overgeslagen."
    )
    if result.failed or not result.written:
        _fail([], summary)
    typer.echo(summary)


@app.command()
def beoordeel(
    ids: Annotated[list[str] | None, typer.Argument(help="Id van de uitspraak, of overeenkomst/clausule.")] = None,
    alles: Annotated[bool, typer.Option("--alles", help="Leg alle uitspraken en clausules vast.")] = False,
    inhoud: Inhoud = Path("content"),
) -> None:
    """Leg vast dat een uitspraak of clausule is nagelezen tegen de huidige tekst van de wetsleden die ze noemt."""
    from datetime import date

    from generators.inhoud.review import ReviewError, ledger_text, resolve, reviewables, write_ledger

    try:
        data = load_content(inhoud)
        chosen = reviewables(data) if alles else resolve(data, ids or [])
    except ContentError as exc:
        _fail(
            [str(p) for p in exc.problems],
            f"{aantal(len(exc.problems), 'fout', 'fouten')} in de inhoud; eerst herstellen.",
        )
    except ReviewError as exc:
        _fail(str(exc).splitlines(), "Niets vastgelegd.")
    if not chosen:
        _fail(["Noem een of meer ids, of gebruik --alles."], "Niets vastgelegd.")
    path = write_ledger(inhoud, ledger_text(data, chosen, date.today()))
    typer.echo(f"{len(chosen)} beoordeeld en vastgelegd in {path}")


@app.command()
def schema(project: Project = Path(".")) -> None:
    """Maak het JSON-schema voor editors opnieuw en zet de schemaregel bovenaan inhoudsbestanden die die missen."""
    from generators.inhoud.schema import add_modelines, write_schema

    path = write_schema(project)
    changed = add_modelines(project)
    typer.echo(f"Schema geschreven: {path}; schemaregel toegevoegd aan {len(changed)} bestanden")


@app.command()
def publiceer(
    doel: Annotated[
        Path, typer.Option("--doel", help="Pad dat de webserver serveert; wordt een verwijzing naar releases/.")
    ],
    terug: Annotated[bool, typer.Option("--terug", help="Zet de vorige versie terug.")] = False,
    adres: Adres = None,
    project: Project = Path("."),
) -> None:
    """Controleer alles, bouw de site en zet die in één keer in DOEL; de vorige versie blijft bewaard."""
    from generators.inhoud.model import check_adres
    from generators.site.bouw import BuildError
    from generators.site.publiceer import AddressError, PublishError, publish, rollback

    if adres is not None:
        try:
            check_adres(adres)
        except ValueError as exc:
            _fail([f"--adres: {exc}"], f"Niet gepubliceerd; {doel} is niet veranderd.")
    try:
        if terug:
            rollback(doel)
            typer.echo(f"Vorige versie teruggezet in {doel}. Nogmaals --terug zet de nieuwere versie terug.")
            return
        with _steps() as step:
            previous = publish(project, doel, adres, progress=step)
    except ContentError as exc:
        _fail_content(exc, f"{doel} is niet veranderd.")
    except AddressError as exc:
        _fail([], str(exc))
    except (BuildError, PublishError) as exc:
        _fail([str(exc)], f"Niet gepubliceerd; {doel} is niet veranderd.")
    kept = f"; vorige versie bewaard in {previous} (terugzetten: wmwm publiceer --terug --doel {doel})"
    typer.echo(f"Gepubliceerd in {doel}{kept if previous else ''}")


wetten = typer.Typer(help="Wetteksten inlezen uit een bronbestand.", no_args_is_help=True)
app.add_typer(wetten, name="wetten")


@wetten.command()
def importeer(
    bron: Annotated[
        Path, typer.Argument(help="Bronbestand met wetsartikelen (wet, bwb_id, geldig_vanaf, url, artikel, tekst).")
    ],
    wet: Annotated[
        list[str] | None,
        typer.Option(
            "--wet",
            help="Nieuwe wet als BWB-ID=id:korte naam, bijvoorbeeld 'BWBR0007671=atw:ATW'; "
            "zonder deze optie vraagt wmwm erom.",
        ),
    ] = None,
    inhoud: Inhoud = Path("content"),
    bronnen: Annotated[
        Path,
        typer.Option(
            "--bronnen",
            help="Map waarin een kopie van het bronbestand komt (voor de woord-voor-woordtest).",
            callback=_from_root,
        ),
    ] = Path("bronnen/wetten"),
) -> None:
    """Lees wetsartikelen letterlijk in, per lid en onderdeel; onderwerp en vervangt blijven staan."""
    import shutil

    from generators.inhoud.lawimport import NieuweWet, SourceError, import_articles, read_source, unknown_wetten

    try:
        entries = read_source(bron.read_text(encoding="utf-8"), str(bron))
    except OSError as exc:
        _fail([f"{bron}: kan het bestand niet lezen ({exc.strerror})"], "Niets ingelezen.")
    except SourceError as exc:
        _fail(str(exc).splitlines(), "Niets ingelezen.")
    given: dict[str, NieuweWet] = {}
    for value in wet or []:
        bwb, _, rest = value.partition("=")
        wet_id, _, afkorting = rest.partition(":")
        if not (bwb and wet_id and afkorting):
            _fail(
                [f"--wet '{value}': schrijf BWB-ID=id:korte naam, bijvoorbeeld 'BWBR0007671=atw:ATW'"],
                "Niets ingelezen.",
            )
        given[bwb.strip()] = NieuweWet(wet_id.strip(), afkorting.strip())
    for bwb, naam in unknown_wetten(inhoud, entries).items():
        if bwb not in given:
            afkorting = typer.prompt(f"Nieuwe wet '{naam}' ({bwb}). Korte naam op de site")
            wet_id = typer.prompt("Id in de inhoud (kleine letters, cijfers, streepjes)", default=_slug(afkorting))
            given[bwb] = NieuweWet(wet_id, afkorting)
    result = import_articles(inhoud, entries, given)
    bronnen.mkdir(parents=True, exist_ok=True)
    if bron.resolve() != (bronnen / bron.name).resolve():
        shutil.copyfile(bron, bronnen / bron.name)
    for label, names in (
        ("Nieuwe wet", result.nieuwe_wetten),
        ("Nieuw", result.nieuw),
        ("Gewijzigd", result.gewijzigd),
    ):
        for name in names:
            typer.echo(f"{label}: {name}")
    typer.echo(
        f"{len(result.nieuw)} nieuw, {len(result.gewijzigd)} gewijzigd, {result.ongewijzigd} ongewijzigd; "
        f"bron bewaard in {bronnen / bron.name}."
    )
    if result.nieuw:
        typer.echo(f"Vul bij nieuwe artikelen het onderwerp in (nu '{NEW_ONDERWERP}').")
    try:
        review = review_problems(load_content(inhoud))
    except ContentError as exc:
        _fail(
            [str(p) for p in exc.problems],
            "Ingelezen, maar de inhoud heeft fouten; herstel ze en draai wmwm controleer.",
        )
    if review:
        typer.echo("Opnieuw beoordelen met 'wmwm beoordeel ID' (de tekst van een geciteerd lid is veranderd):")
        for problem in review:
            typer.echo(f"  {problem}")


def _slug(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-")


def main() -> None:
    app()
