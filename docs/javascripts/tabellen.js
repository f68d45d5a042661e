// Wide tables scroll sideways; make each scroll area reachable and named for keyboard users (WCAG 2.1.1).
document$.subscribe(() => {
  document.querySelectorAll(".md-typeset__scrollwrap").forEach((wrap, i) => {
    const heading = wrap.closest("article")?.querySelector("h1");
    // the heading's own text, without the theme's "¶" permalink
    const caption = heading
      ? [...heading.childNodes]
          .filter((n) => !n.classList?.contains("headerlink"))
          .map((n) => n.textContent)
          .join("")
      : "Tabel";
    wrap.setAttribute("tabindex", "0");
    wrap.setAttribute("role", "region");
    wrap.setAttribute("aria-label", `Tabel ${i + 1} bij: ${caption.trim()}`);
  });
});
