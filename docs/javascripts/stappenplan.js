/* Stappenplan op maat (page stappenplan/): GOV.UK-style questions, check your answers, then the checklist.
 *
 * The questions, answers, phases, blocks and statements come from the JSON the build embeds
 * (generators/site/stappenplan.py, from content/). The four rules below (matches, laterLabels, asked, isDone) are
 * the same as in generators/inhoud/stappenplan.py; the tests compare both, markers included, for several answer sets.
 * The answers live only in the address of this page; nothing is sent anywhere.
 */
(function () {
  "use strict";

  var dataElement = document.getElementById("stappenplan-data");
  var root = document.getElementById("stappenplan");
  if (!dataElement || !root) return;
  var plan = JSON.parse(dataElement.textContent);
  var vragenById = {};
  plan.vragen.forEach(function (v) {
    vragenById[v.id] = v;
  });

  // --- The filter (docs/javascripts/stappenplan_filter.js, mirrored from generators/inhoud/stappenplan.py) -----
  var filter = window.WmwmStappenplan(plan);
  var answerOf = filter.answerOf;
  var matches = filter.matches;
  var asked = filter.asked;
  var checklist = filter.checklist;
  var isEmpty = filter.isEmpty;
  var shownKeys = filter.shownKeys;

  function everyItem(c) {
    var items = [];
    c.fasen.forEach(function (f) {
      f.blokken.forEach(function (b) {
        items = items.concat(b.items);
      });
    });
    return items.concat(
      c.klaar,
      c.anderen.reduce(function (list, g) {
        return list.concat(g.items);
      }, []),
    );
  }

  // --- The Word file: the agreements' template fill (docx_vullen.js) -----------------------------------------

  var template = null;

  function loadTemplate() {
    if (!template) {
      template = fetch(new URL(plan.word.sjabloon, location.href))
        .then(function (response) {
          if (!response.ok) throw new Error("het sjabloon kon niet worden geladen");
          return response.arrayBuffer();
        })
        .then(window.WmwmDocx.unpack);
      template.catch(function () {
        template = null;
      });
    }
    return template;
  }

  function downloadWord(answers, status) {
    var teksten = {};
    asked(answers).forEach(function (v) {
      teksten["antwoord:" + v.id] = answerOf(v, answers[v.id]).tekst;
    });
    /* generators/site/stappenplan_docx.py `marker_texts`: the marker at the start of the rule, or "". */
    everyItem(checklist(answers)).forEach(function (u) {
      teksten["later:" + u.id] = u.later ? u.later + ": " : "";
    });
    var keep = shownKeys(answers);
    var invulling = {
      teksten: teksten,
      lijsten: {},
      voorwaarden: plan.word.regios.map(function (k) {
        return keep.has(k);
      }),
    };
    return loadTemplate()
      .then(function (parts) {
        var docx = window.WmwmDocx.fill(parts, invulling);
        var href = URL.createObjectURL(
          new Blob([docx], { type: "application/vnd.openxmlformats-officedocument.wordprocessingml.document" }),
        );
        var link = el("a", { href: href, download: plan.word.bestandsnaam, hidden: "" });
        document.body.appendChild(link);
        link.click();
        link.remove();
        setTimeout(function () {
          URL.revokeObjectURL(href);
        }, 60000);
        status.textContent = "Het bestand " + plan.word.bestandsnaam + " is gemaakt en staat in uw downloads.";
      })
      .catch(function (exc) {
        status.textContent = "Het Word-bestand kon niet worden gemaakt: " + exc.message;
      });
  }

  // --- State in the address ------------------------------------------------------------------------------

  /* The valid answers in the address, question by question; an answer to a question that is no longer
     asked (another route was chosen) is dropped. */
  function readAnswers(params) {
    var answers = {}; // in question order: a later question may depend on earlier answers
    plan.vragen.forEach(function (v) {
      if (!matches(v.gesteld_als, answers)) return;
      var choice = answerOf(v, params.get(v.id));
      if (choice && !choice.naar_routekeuze) answers[v.id] = choice.id;
    });
    return answers;
  }

  function address(answers, extra) {
    var params = new URLSearchParams();
    asked(answers).forEach(function (v) {
      if (answers[v.id]) params.set(v.id, answers[v.id]);
    });
    Object.keys(extra || {}).forEach(function (k) {
      params.set(k, extra[k]);
    });
    var query = params.toString();
    return location.pathname + (query ? "?" + query : "");
  }

  function screenFor(params) {
    var answers = readAnswers(params);
    var open = asked(answers);
    var requested = params.get("vraag");
    if (
      requested &&
      open.some(function (v) {
        return v.id === requested;
      })
    ) {
      return { kind: "vraag", vraag: vragenById[requested], answers: answers };
    }
    for (var i = 0; i < open.length; i++) {
      var v = open[i];
      if (answers[v.id]) continue;
      var choice = answerOf(v, params.get(v.id));
      if (choice && choice.naar_routekeuze) return { kind: "routekeuze", vraag: v, answers: answers };
      return { kind: "vraag", vraag: v, answers: answers };
    }
    return { kind: params.get("scherm") === "plan" ? "plan" : "controle", answers: answers };
  }

  // --- Rendering ---------------------------------------------------------------------------------------------

  function el(tag, attrs, children) {
    var node = document.createElement(tag);
    Object.keys(attrs || {}).forEach(function (k) {
      if (k === "text") node.textContent = attrs[k];
      else node.setAttribute(k, attrs[k]);
    });
    (children || []).forEach(function (c) {
      if (c) node.appendChild(typeof c === "string" ? document.createTextNode(c) : c);
    });
    return node;
  }

  function backLink(href) {
    return el("a", { href: href, class: "wmwm-terug", "data-intern": "" }, ["Terug"]);
  }

  function previousQuestion(vraag, answers) {
    var open = asked(answers);
    var index = open.findIndex(function (v) {
      return v.id === vraag.id;
    });
    return index > 0 ? open[index - 1] : null;
  }

  function renderVraag(screen, error) {
    var vraag = screen.vraag;
    var answers = screen.answers;
    var previous = previousQuestion(vraag, answers);
    var nodes = [];
    if (previous) nodes.push(backLink(address(answers, { vraag: previous.id })));
    var form = el("form", { method: "get", action: location.pathname, novalidate: "", class: "wmwm-vraagform" });
    if (error) {
      nodes.push(
        el("div", { class: "wmwm-foutoverzicht", role: "alert", tabindex: "-1", "aria-labelledby": "fout-titel" }, [
          el("h2", { id: "fout-titel", text: "Er is een probleem" }),
          el("ul", {}, [el("li", {}, [el("a", { href: "#antwoord-" + vraag.id + "-1", text: error })])]),
        ]),
      );
    }
    Object.keys(answers).forEach(function (k) {
      if (k !== vraag.id) form.appendChild(el("input", { type: "hidden", name: k, value: answers[k] }));
    });
    var describedBy = (vraag.hulp ? "hulp-" + vraag.id + " " : "") + (error ? "fout-" + vraag.id : "");
    var fieldset = el("fieldset", { class: "wmwm-keuzes" + (error ? " wmwm-veld--fout" : "") });
    if (describedBy.trim()) fieldset.setAttribute("aria-describedby", describedBy.trim());
    var number =
      asked(answers).findIndex(function (v) {
        return v.id === vraag.id;
      }) + 1;
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
    var current = answers[vraag.id] || new URLSearchParams(location.search).get(vraag.id);
    vraag.antwoorden.forEach(function (a, i) {
      var id = "antwoord-" + vraag.id + "-" + (i + 1);
      var input = el("input", { type: "radio", name: vraag.id, id: id, value: a.id });
      if (a.id === current) input.checked = true;
      var label = el("label", { for: id, text: a.tekst });
      var parts = [
        input,
        el("div", {}, [label, a.hulp ? el("div", { class: "wmwm-hulp", id: id + "-hulp", text: a.hulp }) : null]),
      ];
      if (a.hulp) input.setAttribute("aria-describedby", id + "-hulp");
      fieldset.appendChild(el("div", { class: "wmwm-keuze" }, parts));
    });
    form.appendChild(fieldset);
    form.appendChild(el("button", { type: "submit", class: "md-button md-button--primary", text: "Ga verder" }));
    form.addEventListener("submit", function (event) {
      event.preventDefault();
      var chosen = form.querySelector("input[name='" + vraag.id + "']:checked");
      if (!chosen) {
        show(
          renderVraag(screen, "Kies een antwoord op de vraag: " + vraag.vraag.replace(/\?$/, "")),
          ".wmwm-foutoverzicht",
        );
        return;
      }
      var next = Object.assign({}, answers);
      next[vraag.id] = chosen.value;
      navigate(address(next));
    });
    nodes.push(form);
    return nodes;
  }

  function renderRoutekeuze(screen) {
    var nodes = [backLink(address(screen.answers, { vraag: screen.vraag.id }))];
    nodes.push(el("h2", { id: "vraag-titel", tabindex: "-1", text: "Welke route past bij uw leerlingen?" }));
    nodes.push(el("p", { text: "Elke route leidt op een eigen manier naar mbo niveau 2. In het kort:" }));
    nodes.push(
      el(
        "dl",
        { class: "wmwm-routes" },
        plan.routes.reduce(function (list, r) {
          return list.concat([
            el("dt", {}, [el("a", { href: r.href, text: r.naam })]),
            el("dd", { text: r.samenvatting }),
          ]);
        }, []),
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
    var answers = screen.answers;
    var open = asked(answers);
    var nodes = [backLink(address(answers, { vraag: open[open.length - 1].id }))];
    nodes.push(el("h2", { id: "vraag-titel", tabindex: "-1", text: "Controleer uw antwoorden" }));
    nodes.push(
      el(
        "dl",
        { class: "wmwm-overzicht" },
        open.map(function (v) {
          return el("div", {}, [
            el("dt", { text: v.kort }),
            el("dd", { text: answerText(v, answers) }),
            el("dd", {}, [
              el("a", { href: address(answers, { vraag: v.id }), "data-intern": "" }, [
                "Wijzig",
                el("span", { class: "wmwm-verborgen", text: " " + v.kort }),
              ]),
            ]),
          ]);
        }),
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
    var bronnen = el("p", { class: "wmwm-bronnen" }, [prefix]);
    item.bronnen.forEach(function (b, i) {
      if (i) bronnen.appendChild(document.createTextNode("; "));
      bronnen.appendChild(el("a", { href: b.href, text: b.tekst }));
    });
    return bronnen;
  }

  /* An open duty in full: rule, who, what settles it, open question, sources and the action. */
  function renderItem(item) {
    var li = el("li", {
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
    var li = el("li", { class: "wmwm-stap-item wmwm-stap-item--kort", "data-id": item.id, "data-wie": item.wie });
    if (item.later) li.dataset.later = item.later;
    li.appendChild(el("p", { class: "wmwm-stap-regel" }, regelNodes(item).concat([" ", wieLabel(item)])));
    li.appendChild(bronLinks(item, "Bron: "));
    return li;
  }

  function folded(titel, count, list, attrs) {
    var details = el("details", Object.assign({ class: "wmwm-gevouwen" }, attrs || {}));
    details.appendChild(el("summary", { text: titel + " (" + count + ")" }));
    details.appendChild(list);
    return details;
  }

  function phaseSection(f) {
    var section = el("section", { class: "wmwm-fase", "data-fase": f.fase.id, "aria-labelledby": "fase-" + f.fase.id });
    section.appendChild(el("h4", { id: "fase-" + f.fase.id, text: f.fase.titel }));
    section.appendChild(el("p", { class: "wmwm-hulp", text: f.fase.uitleg }));
    f.blokken.forEach(function (b) {
      if (!b.items.length) return;
      if (b.rubriek.gevouwen) {
        section.appendChild(
          folded(
            b.rubriek.titel,
            b.items.length,
            el("ul", { class: "wmwm-stap-lijst", "data-rubriek": b.rubriek.id }, b.items.map(renderKort)),
          ),
        );
        return;
      }
      section.appendChild(el("h5", { text: b.rubriek.titel }));
      section.appendChild(
        el("ul", { class: "wmwm-stap-lijst", "data-rubriek": b.rubriek.id }, b.items.map(renderItem)),
      );
    });
    return section;
  }

  function renderPlan(screen) {
    var answers = screen.answers;
    var wie = answers[plan.wie_vraag];
    var nodes = [backLink(address(answers))];
    nodes.push(el("h2", { id: "vraag-titel", tabindex: "-1", text: "Uw stappenplan" }));
    nodes.push(
      el(
        "ul",
        { class: "wmwm-antwoorden" },
        asked(answers).map(function (v) {
          return el("li", {}, [el("strong", { text: v.kort + ": " }), answerText(v, answers)]);
        }),
      ),
    );
    var status = el("p", { role: "status", id: "word-status" });
    var word = el("button", {
      type: "button",
      class: "md-button md-button--primary",
      id: "download-word",
      text: "Download als Word-bestand",
    });
    word.addEventListener("click", function () {
      downloadWord(answers, status);
    });
    var afdrukken = el("button", { type: "button", class: "md-button", id: "afdrukken", text: "Afdrukken" });
    afdrukken.addEventListener("click", function () {
      window.print();
    });
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
    var c = checklist(answers);
    var list = el("div", { id: "stappenplan-lijst", "data-wie": wie });
    if (c.fasen.every(isEmpty)) list.appendChild(el("p", { class: "wmwm-niets", text: plan.niets_te_doen }));
    [
      ["nu", "Nu te doen"],
      ["daarna", "Daarna"],
    ].forEach(function (part) {
      var phases = c.fasen.filter(function (f) {
        return (part[0] === "nu") === f.nu && !isEmpty(f);
      });
      if (!phases.length) return;
      var section = el("section", { class: "wmwm-deel", "data-deel": part[0], "aria-labelledby": "deel-" + part[0] });
      section.appendChild(el("h3", { id: "deel-" + part[0], text: part[1] }));
      phases.forEach(function (f) {
        section.appendChild(phaseSection(f));
      });
      list.appendChild(section);
    });
    if (c.klaar.length) {
      var klaar = el("section", { class: "wmwm-deel", "data-deel": "klaar", "aria-labelledby": "deel-klaar" });
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
      var anderen = el("section", { class: "wmwm-deel", "data-deel": "anderen", "aria-labelledby": "deel-anderen" });
      anderen.appendChild(el("h3", { id: "deel-anderen", text: "Wat de anderen doen" }));
      c.anderen.forEach(function (g) {
        var group = el("div", { class: "wmwm-partij", "data-partij": g.partij.id });
        group.appendChild(el("h4", { text: g.partij.label }));
        /* A party the first question offers has its own plan: the same answers with another 'wie'. */
        var voor = answerOf(vragenById[plan.wie_vraag], g.partij.id);
        if (voor) {
          var other = Object.assign({}, answers);
          other[plan.wie_vraag] = g.partij.id;
          var naam = voor.tekst.charAt(0).toLowerCase() + voor.tekst.slice(1);
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
      });
      list.appendChild(anderen);
    }
    nodes.push(list);
    return nodes;
  }

  /* Paper keeps everything: folded parts print open, as the short lists they are. */
  window.addEventListener("beforeprint", function () {
    root.querySelectorAll("details.wmwm-gevouwen:not([open])").forEach(function (d) {
      d.open = true;
      d.dataset.dicht = "";
    });
  });
  window.addEventListener("afterprint", function () {
    root.querySelectorAll("details[data-dicht]").forEach(function (d) {
      d.open = false;
      delete d.dataset.dicht;
    });
  });

  var RENDER = { vraag: renderVraag, routekeuze: renderRoutekeuze, controle: renderControle, plan: renderPlan };

  function show(nodes, focusSelector) {
    root.replaceChildren.apply(root, nodes);
    var target = focusSelector && root.querySelector(focusSelector);
    if (target && currentKind === "plan") {
      /* The plan starts at its heading: the first screen shows what to do now, not the page's introduction. */
      target.scrollIntoView({ block: "start" });
      target.focus({ preventScroll: true });
    } else if (target) target.focus();
    root.dataset.scherm = currentKind;
  }

  var currentKind = "";

  function render(moveFocus) {
    var screen = screenFor(new URLSearchParams(location.search));
    currentKind = screen.kind;
    show(RENDER[screen.kind](screen), moveFocus ? "#vraag-titel" : null);
  }

  function navigate(href) {
    history.pushState(null, "", href);
    render(true);
  }

  root.addEventListener("click", function (event) {
    var link = event.target.closest && event.target.closest("a[data-intern]");
    if (!link || event.ctrlKey || event.metaKey || event.shiftKey) return;
    event.preventDefault();
    navigate(link.getAttribute("href"));
  });
  window.addEventListener("popstate", function () {
    render(true);
  });
  render(new URLSearchParams(location.search).toString() !== "");
})();
