// Wide tables scroll sideways; make each scroll area reachable and named for keyboard users (WCAG 2.1.1).
document$.subscribe(() => {
  document.querySelectorAll(".md-typeset__scrollwrap").forEach((wrap, i) => {
    const caption = wrap.closest("article")?.querySelector("h1")?.textContent ?? "Tabel";
    wrap.setAttribute("tabindex", "0");
    wrap.setAttribute("role", "region");
    wrap.setAttribute("aria-label", `Tabel ${i + 1} bij: ${caption.trim()}`);
  });
});
