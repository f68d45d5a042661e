/* The stappenplan's filter: which statements a reader's answers select, in which phase, what is settled, what the
   other parties do, and which regions of the Word template the plan keeps. One definition, mirrored from
   generators/inhoud/stappenplan.py and generators/site/stappenplan_docx.py `shown`; no page code here, so the
   differential test (tests/test_tweeling.py) runs it in node against Python on generated answers.
   planFilter(plan) -> {answerOf, matches, asked, checklist, isEmpty, shownKeys}. */
export function planFilter(plan) {
  const vragenById = Object.fromEntries(plan.vragen.map((v) => [v.id, v]));

  function answerOf(vraag, id) {
    return vraag.antwoorden.find((a) => a.id === id) || null;
  }

  function expanded(vraag, answer) {
    const found = answerOf(vraag, answer);
    return [answer].concat(found ? found.omvat : []);
  }

  /* The answers that come to hold during the route: the answer's own `later`, then those of what it stands for. */
  function laterOf(vraag, answer) {
    const found = answerOf(vraag, answer);
    if (!found) return [];
    return (found.omvat || []).reduce(
      (list, other) => {
        const inner = answerOf(vraag, other);
        return list.concat(inner ? inner.later || [] : []);
      },
      (found.later || []).slice(),
    );
  }

  function overlaps(vraag, answer, allowed) {
    return expanded(vraag, answer).some((a) => allowed.includes(a));
  }

  /* null: the statement does not apply; []: it applies to the answers as given; else the markers (in question
     order, without repeats) of the `later` answers it applies through. */
  function laterLabels(voorwaarden, answers) {
    const labels = [];
    for (const [vraagId, allowed] of Object.entries(voorwaarden)) {
      const vraag = vragenById[vraagId];
      const answer = answers[vraagId];
      if (answer === undefined) return null;
      if (overlaps(vraag, answer, allowed)) continue;
      const later = laterOf(vraag, answer).find((x) => overlaps(vraag, x.antwoord, allowed));
      if (!later) return null;
      if (!labels.includes(later.label)) labels.push(later.label);
    }
    return labels;
  }

  function matches(voorwaarden, answers) {
    return Object.keys(voorwaarden).every((vraagId) => {
      const answer = answers[vraagId];
      if (answer === undefined) return false;
      return expanded(vragenById[vraagId], answer).some((a) => voorwaarden[vraagId].includes(a));
    });
  }

  function asked(answers) {
    return plan.vragen.filter((v) => matches(v.gesteld_als, answers));
  }

  function isDone(item, answers) {
    return Object.keys(item.klaar_als).some((vraagId) => item.klaar_als[vraagId].includes(answers[vraagId]));
  }

  /* The phases whose open duties come first: the phase the answers place the reader in, and every earlier one
     (generators/inhoud/stappenplan.py `now_phases`). */
  function nowPhases(answers) {
    const current = plan.fasen.findIndex((f) => Object.keys(f.nu_als || {}).length && matches(f.nu_als, answers));
    return plan.fasen.slice(0, current < 0 ? plan.fasen.length : current + 1).map((f) => f.id);
  }

  /* The plan (generators/inhoud/stappenplan.py `stappenplan`): the reader's own open statements per phase and
     block, the own ones an answer settles, and every other party's, by party. Each statement is a copy with
     `later`: its marker, or null when it applies as answered. */
  function checklist(answers) {
    const wie = answers[plan.wie_vraag];
    const selected = [];
    for (const fase of plan.fasen) {
      for (const u of plan.uitspraken) {
        if (u.fase !== fase.id) continue;
        const labels = laterLabels(u.geldt_voor, answers);
        if (labels) selected.push(Object.assign({}, u, { later: labels.length ? labels.join("; ") : null }));
      }
    }
    const own = selected.filter((u) => u.wie === wie);
    const klaar = own.filter((u) => isDone(u, answers));
    const open = own.filter((u) => !isDone(u, answers));
    const nu = nowPhases(answers);
    const fasen = plan.fasen.map((fase) => {
      const blokken = plan.rubrieken.map((r) => ({
        rubriek: r,
        items: open.filter((u) => u.fase === fase.id && r.soorten.includes(u.soort)),
      }));
      return { fase: fase, nu: nu.includes(fase.id), blokken: blokken };
    });
    const anderen = plan.partijen
      .filter((p) => p.id !== wie)
      .map((p) => ({ partij: p, items: selected.filter((u) => u.wie === p.id) }))
      .filter((g) => g.items.length);
    return { fasen: fasen, klaar: klaar, anderen: anderen };
  }

  function isEmpty(f) {
    return !f.blokken.some((b) => b.items.length);
  }

  /* The regions of the Word template this plan keeps: generators/site/stappenplan_docx.py `shown`. */
  function shownKeys(answers) {
    const keys = new Set(Object.keys(answers).map((v) => "vraag:" + v));
    const c = checklist(answers);
    if (c.fasen.some((f) => f.nu && !isEmpty(f))) keys.add("kop:nu");
    if (c.fasen.every(isEmpty)) keys.add("kop:niets");
    const firstLater = c.fasen.find((f) => !f.nu && !isEmpty(f));
    if (firstLater) keys.add("daarna:" + firstLater.fase.id);
    for (const f of c.fasen) {
      if (!isEmpty(f)) keys.add("fase:" + f.fase.id);
      for (const b of f.blokken) {
        if (b.items.length) keys.add("blok:" + f.fase.id + ":" + b.rubriek.id);
        for (const u of b.items) keys.add("item:" + u.id);
      }
    }
    if (c.klaar.length) {
      keys.add("kop:klaar");
      for (const u of c.klaar) keys.add("klaar:" + u.id);
    }
    if (c.anderen.length) keys.add("kop:anderen");
    for (const g of c.anderen) {
      keys.add("anderen:" + g.partij.id);
      for (const u of g.items) keys.add("ander:" + u.id);
    }
    return keys;
  }

  return { answerOf, matches, asked, checklist, isEmpty, shownKeys };
}
