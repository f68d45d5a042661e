/* Stappenplan op maat (page stappenplan/): GOV.UK-style questions, check your answers, then the checklist.
 *
 * The questions, answers, phases, blocks and statements come from the JSON the build embeds
 * (generators/site/stappenplan.py, from content/). The four rules below (matches, laterLabels, asked, isDone) are
 * the same as in generators/inhoud/stappenplan.py; the tests compare both, markers included, for several answer sets.
 * The answers live only in the address of this page; nothing is sent anywhere.
 */
import { fill, unpack } from "./docx_vullen.js";
import { planFilter } from "./stappenplan_filter.js";

function start(root, plan) {
  const vragenById = Object.fromEntries(plan.vragen.map((v) => [v.id, v]));

  // --- The filter (docs/javascripts/stappenplan_filter.js, mirrored from generators/inhoud/stappenplan.py) -----
  const { answerOf, matches, asked, checklist, isEmpty, shownKeys } = planFilter(plan);

  function everyItem(c) {
    const open = c.fasen.flatMap((f) => f.blokken.flatMap((b) => b.items));
    return [...open, ...c.klaar, ...c.anderen.flatMap((g) => g.items)];
  }

  // --- The Word file: the agreements' template fill (docx_vullen.js) -----------------------------------------

  let template = null;

  function loadTemplate() {
    if (!template) {
      template = fetch(new URL(plan.word.sjabloon, location.href))
        .then((response) => {
          if (!response.ok) throw new Error("het sjabloon kon niet worden geladen");
          return response.arrayBuffer();
        })
        .then(unpack);
      template.catch(() => {
        template = null;
      });
    }
    return template;
  }

  function downloadWord(answers, status) {
    const teksten = {};
    for (const v of asked(answers)) teksten["antwoord:" + v.id] = answerOf(v, answers[v.id]).tekst;
    /* generators/site/stappenplan_docx.py `marker_texts`: the marker at the start of the rule, or "". */
    for (const u of everyItem(checklist(answers))) teksten["later:" + u.id] = u.later ? u.later + ": " : "";
    const keep = shownKeys(answers);
    const invulling = { teksten: teksten, lijsten: {}, voorwaarden: plan.word.regios.map((k) => keep.has(k)) };
    return loadTemplate()
      .then((parts) => {
        const docx = fill(parts, invulling);
        const href = URL.createObjectURL(
          new Blob([docx], { type: "application/vnd.openxmlformats-officedocument.wordprocessingml.document" }),
        );
        const link = el("a", { href: href, download: plan.word.bestandsnaam, hidden: "" });
        document.body.appendChild(link);
        link.click();
        link.remove();
        setTimeout(() => URL.revokeObjectURL(href), 60000);
        status.textContent = "Het bestand " + plan.word.bestandsnaam + " is gemaakt en staat in uw downloads.";
      })
      .catch((exc) => {
        status.textContent = "Het Word-bestand kon niet worden gemaakt: " + exc.message;
      });
  }

  // --- State in the address ------------------------------------------------------------------------------

  /* The valid answers in the address, question by question; an answer to a question that is no longer
     asked (another route was chosen) is dropped. */
  function readAnswers(params) {
    const answers = {}; // in question order: a later question may depend on earlier answers
    for (const v of plan.vragen) {
      if (!matches(v.gesteld_als, answers)) continue;
      const choice = answerOf(v, params.get(v.id));
      if (choice && !choice.naar_routekeuze) answers[v.id] = choice.id;
    }
    return answers;
  }

  function address(answers, extra) {
    const params = new URLSearchParams();
    for (const v of asked(answers)) if (answers[v.id]) params.set(v.id, answers[v.id]);
    for (const [k, value] of Object.entries(extra || {})) params.set(k, value);
    const query = params.toString();
    return location.pathname + (query ? "?" + query : "");
  }

  function screenFor(params) {
    const answers = readAnswers(params);
    const open = asked(answers);
    const requested = params.get("vraag");
    if (requested && open.some((v) => v.id === requested)) {
      return { kind: "vraag", vraag: vragenById[requested], answers: answers };
    }
    for (const v of open) {
      if (answers[v.id]) continue;
      const choice = answerOf(v, params.get(v.id));
      if (choice && choice.naar_routekeuze) return { kind: "routekeuze", vraag: v, answers: answers };
      return { kind: "vraag", vraag: v, answers: answers };
    }
    return { kind: params.get("scherm") === "plan" ? "plan" : "controle", answers: answers };
  }

  // --- Rendering ---------------------------------------------------------------------------------------------

  function el(tag, attrs, children) {
    const node = document.createElement(tag);
    for (const [k, value] of Object.entries(attrs || {})) {
      if (k === "text") node.textContent = value;
      else node.setAttribute(k, value);
    }
    for (const c of children || []) {
      if (c) node.appendChild(typeof c === "string" ? document.createTextNode(c) : c);
    }
    return node;
  }

  function backLink(href) {
    return el("a", { href: href, class: "wmwm-terug", "data-intern": "" }, ["Terug"]);
  }

  function previousQuestion(vraag, answers) {
    const open = asked(answers);
    const index = open.findIndex((v) => v.id === vraag.id);
    return index > 0 ? open[index - 1] : null;
  }

  function renderVraag(screen, error) {
    const vraag = screen.vraag;
    const answers = screen.answers;
    const previous = previousQuestion(vraag, answers);
    const nodes = [];
    if (previous) nodes.push(backLink(address(answers, { vraag: previous.id })));
    const form = el("form", { method: "get", action: location.pathname, novalidate: "", class: "wmwm-vraagform" });
    if (error) {
      nodes.push(
        el("div", { class: "wmwm-foutoverzicht", role: "alert", tabindex: "-1", "aria-labelledby": "fout-titel" }, [
          el("h2", { id: "fout-titel", text: "Er is een probleem" }),
          el("ul", {}, [el("li", {}, [el("a", { href: "#antwoord-" + vraag.id + "-1", text: error })])]),
        ]),
      );
    }
    for (const [k, value] of Object.entries(answers)) {
      if (k !== vraag.id) form.appendChild(el("input", { type: "hidden", name: k, value: value }));
    }
    const describedBy = (vraag.hulp ? "hulp-" + vraag.id + " " : "") + (error ? "fout-" + vraag.id : "");
    const fieldset = el("fieldset", { class: "wmwm-keuzes" + (error ? " wmwm-veld--fout" : "") });
    if (describedBy.trim()) fieldset.setAttribute("aria-describedby", describedBy.trim());
    const number = asked(answers).findIndex((v) => v.id === vraag.id) + 1;
    fieldset.appendChild(
      el("legend", { class: "wmwm-vraag" }, [
        el("span", { class: "wmwm-stap", text: "Vraag " + number }),
        el("h2", { id: "vraag-titel", tabindex: "-1", text: vraag.vraag }),
      ]),
    );
    if (vraag.hulp) fieldset.appendChild(el("div", { class: "wmwm-hulp", id: "hulp-" + vraag.id, text: vraag.hulp }));
    if (error)
      fieldset.appendChild(
        el("p", { class: "wmwm-foutmelding", id: "fout-" + vraag.id }, [
          el("span", { class: "wmwm-verborgen", text: "Fout: " }),
          error,
        ]),
      );
    const current = answers[vraag.id] || new URLSearchParams(location.search).get(vraag.id);
    vraag.antwoorden.forEach((a, i) => {
      const id = "antwoord-" + vraag.id + "-" + (i + 1);
      const input = el("input", { type: "radio", name: vraag.id, id: id, value: a.id });
      if (a.id === current) input.checked = true;
      const label = el("label", { for: id, text: a.tekst });
      const parts = [
        input,
        el("div", {}, [label, a.hulp ? el("div", { class: "wmwm-hulp", id: id + "-hulp", text: a.hulp }) : null]),
      ];
      if (a.hulp) input.setAttribute("aria-describedby", id + "-hulp");
      fieldset.appendChild(el("div", { class: "wmwm-keuze" }, parts));
    });
    form.appendChild(fieldset);
    form.appendChild(el("button", { type: "submit", class: "md-button md-button--primary", text: "Ga verder" }));
    form.addEventListener("submit", (event) => {
      event.preventDefault();
      const chosen = form.querySelector("input[name='" + vraag.id + "']:checked");
      if (!chosen) {
        show(
          renderVraag(screen, "Kies een antwoord op de vraag: " + vraag.vraag.replace(/\?$/, "")),
          ".wmwm-foutoverzicht",
        );
        return;
      }
      navigate(address(Object.assign({}, answers, { [vraag.id]: chosen.value })));
    });
    nodes.push(form);
    return nodes;
  }

  function renderRoutekeuze(screen) {
    const nodes = [backLink(address(screen.answers, { vraag: screen.vraag.id }))];
    nodes.push(el("h2", { id: "vraag-titel", tabindex: "-1", text: "Welke route past bij uw leerlingen?" }));
    nodes.push(el("p", { text: "Elke route leidt op een eigen manier naar mbo niveau 2. In het kort:" }));
    nodes.push(
      el(
        "dl",
        { class: "wmwm-routes" },
        plan.routes.flatMap((r) => [
          el("dt", {}, [el("a", { href: r.href, text: r.naam })]),
          el("dd", { text: r.samenvatting }),
        ]),
      ),
    );
    nodes.push(el("p", {}, ["Bekijk ook ", el("a", { href: plan.vergelijking, text: "de routes naast elkaar" }), "."]));
    nodes.push(
      el("a", {
        href: address(screen.answers, { vraag: screen.vraag.id }),
        class: "md-button md-button--primary",
        "data-intern": "",
        text: "Kies een route",
      }),
    );
    return nodes;
  }

  function answerText(vraag, answers) {
    return answerOf(vraag, answers[vraag.id]).tekst;
  }

  function renderControle(screen) {
    const answers = screen.answers;
    const open = asked(answers);
    const nodes = [backLink(address(answers, { vraag: open[open.length - 1].id }))];
    nodes.push(el("h2", { id: "vraag-titel", tabindex: "-1", text: "Controleer uw antwoorden" }));
    nodes.push(
      el(
        "dl",
        { class: "wmwm-overzicht" },
        open.map((v) =>
          el("div", {}, [
            el("dt", { text: v.kort }),
            el("dd", { text: answerText(v, answers) }),
            el("dd", {}, [
              el("a", { href: address(answers, { vraag: v.id }), "data-intern": "" }, [
                "Wijzig",
                el("span", { class: "wmwm-verborgen", text: " " + v.kort }),
              ]),
            ]),
          ]),
        ),
      ),
    );
    nodes.push(
      el("a", {
        href: address(answers, { scherm: "plan" }),
        id: "toon-plan",
        class: "md-button md-button--primary",
        "data-intern": "",
        text: "Toon het stappenplan",
      }),
    );
    return nodes;
  }

  function wieLabel(item) {
    return el("span", { class: "wie wie--" + item.wie }, [
      "Wie: ",
      el("span", { class: "wie-partij", text: item.wie_label }),
    ]);
  }

  function regelNodes(item) {
    return [
      el("span", { class: "soort soort--" + item.soort, text: item.label }),
      " ",
      item.later ? el("span", { class: "wmwm-later", text: item.later + ":" }) : null,
      item.later ? " " : null,
      item.regel,
    ];
  }

  function bronLinks(item, prefix) {
    const bronnen = el("p", { class: "wmwm-bronnen" }, [prefix]);
    item.bronnen.forEach((b, i) => {
      if (i) bronnen.appendChild(document.createTextNode("; "));
      bronnen.appendChild(el("a", { href: b.href, text: b.tekst }));
    });
    return bronnen;
  }

  /* An open duty in full: rule, who, what settles it, open question, sources and the action. */
  function renderItem(item) {
    const li = el("li", {
      class: "wmwm-stap-item" + (item.later ? " wmwm-stap-item--later" : ""),
      "data-id": item.id,
      "data-wie": item.wie,
    });
    if (item.later) li.dataset.later = item.later;
    li.appendChild(el("p", { class: "wmwm-stap-regel" }, regelNodes(item)));
    li.appendChild(el("p", { class: "wmwm-stap-wie" }, [wieLabel(item)]));
    if (item.klaar_als_tekst)
      li.appendChild(
        el("p", { class: "wmwm-klaar-als" }, [el("strong", { text: "Klaar als: " }), item.klaar_als_tekst]),
      );
    if (item.open_vraag) {
      li.appendChild(
        el("p", { class: "wmwm-open-vraag" }, [
          el("strong", { text: "Open vraag (" + item.open_vraag.label.toLowerCase() + "): " }),
          item.open_vraag.tekst,
        ]),
      );
    }
    li.appendChild(bronLinks(item, "Bron: "));
    if (item.actie) {
      li.appendChild(
        el("p", { class: "wmwm-actie" }, [
          el("a", { href: item.actie.href, class: "md-button", text: item.actie.tekst }),
        ]),
      );
    }
    return li;
  }

  /* A statement in a folded part: one short entry (also on paper and in Word). */
  function renderKort(item) {
    const li = el("li", { class: "wmwm-stap-item wmwm-stap-item--kort", "data-id": item.id, "data-wie": item.wie });
    if (item.later) li.dataset.later = item.later;
    li.appendChild(el("p", { class: "wmwm-stap-regel" }, regelNodes(item).concat([" ", wieLabel(item)])));
    li.appendChild(bronLinks(item, "Bron: "));
    return li;
  }

  function folded(titel, count, list, attrs) {
    const details = el("details", Object.assign({ class: "wmwm-gevouwen" }, attrs || {}));
    details.appendChild(el("summary", { text: titel + " (" + count + ")" }));
    details.appendChild(list);
    return details;
  }

  function phaseSection(f) {
    const section = el("section", {
      class: "wmwm-fase",
      "data-fase": f.fase.id,
      "aria-labelledby": "fase-" + f.fase.id,
    });
    section.appendChild(el("h4", { id: "fase-" + f.fase.id, text: f.fase.titel }));
    section.appendChild(el("p", { class: "wmwm-hulp", text: f.fase.uitleg }));
    for (const b of f.blokken) {
      if (!b.items.length) continue;
      if (b.rubriek.gevouwen) {
        section.appendChild(
          folded(
            b.rubriek.titel,
            b.items.length,
            el("ul", { class: "wmwm-stap-lijst", "data-rubriek": b.rubriek.id }, b.items.map(renderKort)),
          ),
        );
        continue;
      }
      section.appendChild(el("h5", { text: b.rubriek.titel }));
      section.appendChild(
        el("ul", { class: "wmwm-stap-lijst", "data-rubriek": b.rubriek.id }, b.items.map(renderItem)),
      );
    }
    return section;
  }

  function renderPlan(screen) {
    const answers = screen.answers;
    const wie = answers[plan.wie_vraag];
    const nodes = [backLink(address(answers))];
    nodes.push(el("h2", { id: "vraag-titel", tabindex: "-1", text: "Uw stappenplan" }));
    nodes.push(
      el(
        "ul",
        { class: "wmwm-antwoorden" },
        asked(answers).map((v) => el("li", {}, [el("strong", { text: v.kort + ": " }), answerText(v, answers)])),
      ),
    );
    const status = el("p", { role: "status", id: "word-status" });
    const word = el("button", {
      type: "button",
      class: "md-button md-button--primary",
      id: "download-word",
      text: "Download als Word-bestand",
    });
    word.addEventListener("click", () => downloadWord(answers, status));
    const afdrukken = el("button", { type: "button", class: "md-button", id: "afdrukken", text: "Afdrukken" });
    afdrukken.addEventListener("click", () => window.print());
    nodes.push(
      el("p", { class: "wmwm-plan-knoppen" }, [
        el("a", { href: address(answers), "data-intern": "", text: "Wijzig uw antwoorden" }),
        " ",
        word,
        " ",
        afdrukken,
      ]),
    );
    nodes.push(status);
    const c = checklist(answers);
    const list = el("div", { id: "stappenplan-lijst", "data-wie": wie });
    if (c.fasen.every(isEmpty)) list.appendChild(el("p", { class: "wmwm-niets", text: plan.niets_te_doen }));
    for (const [deel, titel] of [
      ["nu", "Nu te doen"],
      ["daarna", "Daarna"],
    ]) {
      const phases = c.fasen.filter((f) => (deel === "nu") === f.nu && !isEmpty(f));
      if (!phases.length) continue;
      const section = el("section", { class: "wmwm-deel", "data-deel": deel, "aria-labelledby": "deel-" + deel });
      section.appendChild(el("h3", { id: "deel-" + deel, text: titel }));
      for (const f of phases) section.appendChild(phaseSection(f));
      list.appendChild(section);
    }
    if (c.klaar.length) {
      const klaar = el("section", { class: "wmwm-deel", "data-deel": "klaar", "aria-labelledby": "deel-klaar" });
      klaar.appendChild(el("h3", { id: "deel-klaar", text: "Al geregeld" }));
      klaar.appendChild(
        folded(
          "Al geregeld, volgens uw antwoorden",
          c.klaar.length,
          el("ul", { class: "wmwm-stap-lijst", "data-rubriek": "klaar" }, c.klaar.map(renderKort)),
        ),
      );
      list.appendChild(klaar);
    }
    if (c.anderen.length) {
      const anderen = el("section", { class: "wmwm-deel", "data-deel": "anderen", "aria-labelledby": "deel-anderen" });
      anderen.appendChild(el("h3", { id: "deel-anderen", text: "Wat de anderen doen" }));
      for (const g of c.anderen) {
        const group = el("div", { class: "wmwm-partij", "data-partij": g.partij.id });
        group.appendChild(el("h4", { text: g.partij.label }));
        /* A party the first question offers has its own plan: the same answers with another 'wie'. */
        const voor = answerOf(vragenById[plan.wie_vraag], g.partij.id);
        if (voor) {
          const other = Object.assign({}, answers, { [plan.wie_vraag]: g.partij.id });
          const naam = voor.tekst.charAt(0).toLowerCase() + voor.tekst.slice(1);
          group.appendChild(
            el("p", {}, [
              el("a", {
                href: address(readAnswers(new URLSearchParams(other)), { scherm: "plan" }),
                "data-intern": "",
                text: "Stappenplan voor " + naam,
              }),
            ]),
          );
        }
        group.appendChild(
          folded(
            "Uitspraken",
            g.items.length,
            el("ul", { class: "wmwm-stap-lijst", "data-rubriek": "anderen" }, g.items.map(renderKort)),
          ),
        );
        anderen.appendChild(group);
      }
      list.appendChild(anderen);
    }
    nodes.push(list);
    return nodes;
  }

  /* Paper keeps everything: folded parts print open, as the short lists they are. */
  window.addEventListener("beforeprint", () => {
    for (const d of root.querySelectorAll("details.wmwm-gevouwen:not([open])")) {
      d.open = true;
      d.dataset.dicht = "";
    }
  });
  window.addEventListener("afterprint", () => {
    for (const d of root.querySelectorAll("details[data-dicht]")) {
      d.open = false;
      delete d.dataset.dicht;
    }
  });

  const RENDER = { vraag: renderVraag, routekeuze: renderRoutekeuze, controle: renderControle, plan: renderPlan };

  let currentKind = "";

  function show(nodes, focusSelector) {
    root.replaceChildren(...nodes);
    const target = focusSelector && root.querySelector(focusSelector);
    if (target && currentKind === "plan") {
      /* The plan starts at its heading: the first screen shows what to do now, not the page's introduction. */
      target.scrollIntoView({ block: "start" });
      target.focus({ preventScroll: true });
    } else if (target) target.focus();
    root.dataset.scherm = currentKind;
  }

  function render(moveFocus) {
    const screen = screenFor(new URLSearchParams(location.search));
    currentKind = screen.kind;
    show(RENDER[screen.kind](screen), moveFocus ? "#vraag-titel" : null);
  }

  function navigate(href) {
    history.pushState(null, "", href);
    render(true);
  }

  root.addEventListener("click", (event) => {
    const link = event.target.closest && event.target.closest("a[data-intern]");
    if (!link || event.ctrlKey || event.metaKey || event.shiftKey) return;
    event.preventDefault();
    navigate(link.getAttribute("href"));
  });
  window.addEventListener("popstate", () => render(true));
  render(new URLSearchParams(location.search).toString() !== "");
}

const dataElement = document.getElementById("stappenplan-data");
const root = document.getElementById("stappenplan");
if (dataElement && root) start(root, JSON.parse(dataElement.textContent));
