"""Publish: check everything, build a new release and switch the site to it in one step; roll back on request.

Input: the project root and the target path the web server serves. Output: `target` is a symbolic link to
one folder in `releases/` next to it; every publication builds a new release there and replaces the link
with one `rename` (atomic on POSIX), so a web server never sees a missing or half-written site. The
release the link pointed to before is kept (`releases/<naam>-vorige` points to it) and `--terug`
switches back to it; a second `--terug` switches forward again. Any failure before the switch leaves the
target and the kept release exactly as they were. Older releases are removed after a successful switch.
"""

from __future__ import annotations

import ipaddress
import os
import shutil
import tempfile
from collections.abc import Callable
from datetime import datetime
from pathlib import Path
from urllib.parse import urlsplit

from generators.inhoud.content import check_all
from generators.inhoud.model import Inhoud
from generators.inhoud.problems import WmwmError
from generators.site.bouw import BuildError, build_site


class PublishError(WmwmError):
    """Publishing or rolling back is not possible; the message is for the user (Dutch)."""


class AddressError(PublishError):
    """No address a visitor can reach: empty, or on this computer. One line (Dutch) naming where to set it."""


EXAMPLE = "https://www.voorbeeld.nl/leerwerktrajecten/"


def is_local(adres: str) -> bool:
    """An address only this computer reaches: localhost, 127.0.0.0/8, ::1 or 0.0.0.0."""
    host = (urlsplit(adres).hostname or "").lower()
    if host == "localhost" or host.endswith(".localhost"):
        return True
    try:
        ip = ipaddress.ip_address(host)
    except ValueError:
        return False
    return ip.is_loopback or ip.is_unspecified


def public_address(inhoud: Inhoud, adres: str | None) -> str:
    """The address to publish at: `--adres`, else content/publicatie.yaml; refused when empty or local."""
    if adres is not None:
        if is_local(adres):
            raise AddressError(
                f"--adres: '{adres}' is een adres op deze computer; geef het adres waarop bezoekers de site zien, "
                f"bijvoorbeeld --adres {EXAMPLE}"
            )
        return adres
    pub = inhoud.publicatie
    assert pub is not None  # check_all refuses content without publicatie.yaml
    if not pub.adres:
        why = "is leeg"
    elif is_local(pub.adres):
        why = f"'{pub.adres}' is een adres op deze computer"
    else:
        return pub.adres
    problem = pub.problem("adres", message=f"{why}; vul het webadres van de site in, bijvoorbeeld {EXAMPLE}")
    raise AddressError(f"{problem} (of geef het voor deze ene publicatie met --adres); niets gepubliceerd.")


def releases_dir(target: Path) -> Path:
    return target.parent / "releases"


def previous_link(target: Path) -> Path:
    return releases_dir(target) / f"{target.name}-vorige"


def publish(
    root: Path, target: Path, adres: str | None = None, progress: Callable[[str], None] | None = None
) -> Path | None:
    """Check, build a release, switch the link. Returns the kept previous release (None on a first publication).
    Refuses (AddressError) an empty or local address: every canonical link, the sitemap and the feed name it."""
    inhoud = check_all(root / "content")  # the same gate as `wmwm controleer`
    adres = public_address(inhoud, adres)
    target = Path(os.path.abspath(target))
    if target.exists() and not target.is_symlink():
        raise PublishError(
            f"{target} is een gewone map; publiceren vervangt een verwijzing naar releases/. "
            f"Verplaats de map (of kies een ander --doel) en publiceer opnieuw."
        )
    releases = releases_dir(target)
    releases.mkdir(parents=True, exist_ok=True)
    releases.chmod(0o755)
    stamp = datetime.now().strftime("%Y%m%dT%H%M%S%f")
    new = releases / f"{target.name}-{stamp}"
    try:
        build_site(root, new, inhoud, adres, progress)  # touches nothing outside `new`
    except BuildError as exc:
        raise BuildError(str(exc).replace(str(new), str(target))) from None
    current = _release_of(target)
    _point(target, new)
    if current is None:
        return None
    _point(previous_link(target), current)
    _remove_others(target, keep={new, current})
    return current


def rollback(target: Path) -> None:
    """Switch the link to the kept previous release; the release switched away from is kept, so a second call redoes."""
    target = Path(os.path.abspath(target))
    previous = _release_of(previous_link(target))
    if previous is None or not previous.is_dir():
        raise PublishError(f"Er is geen vorige versie bewaard naast {target}; er is niets teruggezet.")
    current = _release_of(target)
    _point(target, previous)
    if current is not None:
        _point(previous_link(target), current)


def _release_of(link: Path) -> Path | None:
    return link.parent / os.readlink(link) if link.is_symlink() else None


def _point(link: Path, release: Path) -> None:
    """Make `link` point to `release` (relative, so the whole folder can move) with one atomic rename."""
    fd, tmp_name = tempfile.mkstemp(prefix=f".{link.name}-", dir=link.parent)
    os.close(fd)
    tmp = Path(tmp_name)
    tmp.unlink()
    tmp.symlink_to(os.path.relpath(release, link.parent))
    os.replace(tmp, link)


def _remove_others(target: Path, keep: set[Path]) -> None:
    for release in releases_dir(target).glob(f"{target.name}-*"):
        if release.is_dir() and not release.is_symlink() and release not in keep:
            shutil.rmtree(release, ignore_errors=True)
