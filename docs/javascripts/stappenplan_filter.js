/* The stappenplan's filter: which statements a reader's answers select, in which phase, what is settled, what the
   other parties do, and which regions of the Word template the plan keeps. One definition, mirrored from
   generators/inhoud/stappenplan.py and generators/site/stappenplan_docx.py `shown`; no page code here, so the
   differential test (tests/test_tweeling.py) runs it in node against Python on generated answers.
   window.WmwmStappenplan(plan) -> {answerOf, matches, asked, checklist, isEmpty, shownKeys}. */
(function () {
  "use strict";

  window.WmwmStappenplan = function (plan) {
    var vragenById = {};
    plan.vragen.forEach(function (v) {
      vragenById[v.id] = v;
    });

    function answerOf(vraag, id) {
      return (
        vraag.antwoorden.find(function (a) {
          return a.id === id;
        }) || null
      );
    }

    function expanded(vraag, answer) {
      var found = answerOf(vraag, answer);
      return [answer].concat(found ? found.omvat : []);
    }

    /* The answers that come to hold during the route: the answer's own `later`, then those of what it stands for. */
    function laterOf(vraag, answer) {
      var found = answerOf(vraag, answer);
      if (!found) return [];
      return (found.omvat || []).reduce(
        function (list, other) {
          var inner = answerOf(vraag, other);
          return list.concat(inner ? inner.later || [] : []);
        },
        (found.later || []).slice(),
      );
    }

    function overlaps(vraag, answer, allowed) {
      return expanded(vraag, answer).some(function (a) {
        return allowed.indexOf(a) >= 0;
      });
    }

    /* null: the statement does not apply; []: it applies to the answers as given; else the markers (in question
     order, without repeats) of the `later` answers it applies through. */
    function laterLabels(voorwaarden, answers) {
      var labels = [];
      var vraagIds = Object.keys(voorwaarden);
      for (var i = 0; i < vraagIds.length; i++) {
        var vraag = vragenById[vraagIds[i]];
        var allowed = voorwaarden[vraagIds[i]];
        var answer = answers[vraagIds[i]];
        if (answer === undefined) return null;
        if (overlaps(vraag, answer, allowed)) continue;
        var later = laterOf(vraag, answer).find(function (x) {
          return overlaps(vraag, x.antwoord, allowed);
        });
        if (!later) return null;
        if (labels.indexOf(later.label) < 0) labels.push(later.label);
      }
      return labels;
    }

    function matches(voorwaarden, answers) {
      return Object.keys(voorwaarden).every(function (vraagId) {
        var answer = answers[vraagId];
        if (answer === undefined) return false;
        return expanded(vragenById[vraagId], answer).some(function (a) {
          return voorwaarden[vraagId].indexOf(a) >= 0;
        });
      });
    }

    function asked(answers) {
      return plan.vragen.filter(function (v) {
        return matches(v.gesteld_als, answers);
      });
    }

    function isDone(item, answers) {
      return Object.keys(item.klaar_als).some(function (vraagId) {
        return item.klaar_als[vraagId].indexOf(answers[vraagId]) >= 0;
      });
    }

    /* The phases whose open duties come first: the phase the answers place the reader in, and every earlier one
     (generators/inhoud/stappenplan.py `now_phases`). */
    function nowPhases(answers) {
      var current = plan.fasen.findIndex(function (f) {
        return Object.keys(f.nu_als || {}).length && matches(f.nu_als, answers);
      });
      return plan.fasen.slice(0, current < 0 ? plan.fasen.length : current + 1).map(function (f) {
        return f.id;
      });
    }

    /* The plan (generators/inhoud/stappenplan.py `stappenplan`): the reader's own open statements per phase and
     block, the own ones an answer settles, and every other party's, by party. Each statement is a copy with
     `later`: its marker, or null when it applies as answered. */
    function checklist(answers) {
      var wie = answers[plan.wie_vraag];
      var selected = [];
      plan.fasen.forEach(function (fase) {
        plan.uitspraken.forEach(function (u) {
          if (u.fase !== fase.id) return;
          var labels = laterLabels(u.geldt_voor, answers);
          if (labels) selected.push(Object.assign({}, u, { later: labels.length ? labels.join("; ") : null }));
        });
      });
      var own = selected.filter(function (u) {
        return u.wie === wie;
      });
      var klaar = own.filter(function (u) {
        return isDone(u, answers);
      });
      var open = own.filter(function (u) {
        return !isDone(u, answers);
      });
      var nu = nowPhases(answers);
      var fasen = plan.fasen.map(function (fase) {
        var blokken = plan.rubrieken.map(function (r) {
          return {
            rubriek: r,
            items: open.filter(function (u) {
              return u.fase === fase.id && r.soorten.indexOf(u.soort) >= 0;
            }),
          };
        });
        return { fase: fase, nu: nu.indexOf(fase.id) >= 0, blokken: blokken };
      });
      var anderen = plan.partijen
        .filter(function (p) {
          return p.id !== wie;
        })
        .map(function (p) {
          return {
            partij: p,
            items: selected.filter(function (u) {
              return u.wie === p.id;
            }),
          };
        })
        .filter(function (g) {
          return g.items.length;
        });
      return { fasen: fasen, klaar: klaar, anderen: anderen };
    }

    function isEmpty(f) {
      return !f.blokken.some(function (b) {
        return b.items.length;
      });
    }

    /* The regions of the Word template this plan keeps: generators/site/stappenplan_docx.py `shown`. */
    function shownKeys(answers) {
      var keys = new Set(
        Object.keys(answers).map(function (v) {
          return "vraag:" + v;
        }),
      );
      var c = checklist(answers);
      if (
        c.fasen.some(function (f) {
          return f.nu && !isEmpty(f);
        })
      )
        keys.add("kop:nu");
      if (c.fasen.every(isEmpty)) keys.add("kop:niets");
      var firstLater = c.fasen.find(function (f) {
        return !f.nu && !isEmpty(f);
      });
      if (firstLater) keys.add("daarna:" + firstLater.fase.id);
      c.fasen.forEach(function (f) {
        if (!isEmpty(f)) keys.add("fase:" + f.fase.id);
        f.blokken.forEach(function (b) {
          if (b.items.length) keys.add("blok:" + f.fase.id + ":" + b.rubriek.id);
          b.items.forEach(function (u) {
            keys.add("item:" + u.id);
          });
        });
      });
      if (c.klaar.length) {
        keys.add("kop:klaar");
        c.klaar.forEach(function (u) {
          keys.add("klaar:" + u.id);
        });
      }
      if (c.anderen.length) keys.add("kop:anderen");
      c.anderen.forEach(function (g) {
        keys.add("anderen:" + g.partij.id);
        g.items.forEach(function (u) {
          keys.add("ander:" + u.id);
        });
      });
      return keys;
    }

    return {
      answerOf: answerOf,
      matches: matches,
      asked: asked,
      checklist: checklist,
      isEmpty: isEmpty,
      shownKeys: shownKeys,
    };
  };
})();
