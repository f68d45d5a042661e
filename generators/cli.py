"""The `wmwm` command: the only place that turns errors into output and exit codes."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated, NoReturn

import typer

from .content import count_items, load_content
from .problems import ContentError
from .site import BuildError, build_site

app = typer.Typer(
    help="Wat moet en wat mag: inhoud controleren, site en overeenkomsten bouwen.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)

Inhoud = Annotated[Path, typer.Option("--inhoud", help="Map met de inhoud (YAML).")]
Project = Annotated[Path, typer.Option("--project", help="Projectmap met mkdocs.yml, content/, templates/ en docs/.")]
Uitvoer = Annotated[
    Path, typer.Option("--uitvoer", help="Map waarin de site komt; wordt pas vervangen als alles gelukt is.")
]


@app.callback()
def _root() -> None:
    """Wat moet en wat mag: inhoud controleren, site en overeenkomsten bouwen."""


def _fail(lines: list[str], summary: str) -> NoReturn:
    for line in lines:
        typer.echo(line, err=True)
    typer.echo(summary, err=True)
    raise typer.Exit(1)


@app.command()
def controleer(inhoud: Inhoud = Path("content")) -> None:
    """Controleer alle inhoud en meld elke fout met bestand:regel."""
    try:
        data = load_content(inhoud)
    except ContentError as exc:
        _fail([str(p) for p in exc.problems], f"{len(exc.problems)} fouten gevonden; niets gebouwd.")
    typer.echo(f"{count_items(data)} items, 0 fouten")


@app.command()
def bouw(uitvoer: Uitvoer = Path("site"), project: Project = Path(".")) -> None:
    """Controleer de inhoud en bouw de site met alle downloads."""
    try:
        build_site(project, uitvoer)
    except ContentError as exc:
        _fail([str(p) for p in exc.problems], f"{len(exc.problems)} fouten gevonden; {uitvoer} is niet veranderd.")
    except BuildError as exc:
        _fail([str(exc)], "Bouwen mislukt.")
    typer.echo(f"Site gebouwd in {uitvoer}")


@app.command()
def bekijk(
    project: Project = Path("."),
    adres: Annotated[str, typer.Option("--adres", help="Adres en poort van de voorvertoning.")] = "127.0.0.1:8000",
) -> None:
    """Bekijk de site op http://127.0.0.1:8000; bouwt opnieuw bij elke wijziging in content/, templates/ of docs/."""
    from mkdocs.commands.serve import serve

    serve(str(project / "mkdocs.yml"), open_in_browser=False, livereload=True, dev_addr=adres)


def main() -> None:
    app()
