/* The browser's own modules, run in node for the differential test (tests/test_tweeling.py).

   Imports docs/javascripts/{zip,docx_vullen,regels,tabel,stappenplan_filter}.js unchanged, as ES modules the way a
   page's modules import them (package.json says "type": "module"), reads one JSON request on stdin and writes one
   JSON answer on stdout:
     regels: [{spec, raws: [raw]}]           -> [[check result]]
     docx:   {spec, sjabloon (base64), raws} -> [document.xml text of the filled template]
     csv:    {meldingen, teksten: [text]}    -> [{records} or {fout}]
     rijen:  {meldingen, tabellen: [table]}  -> [{rijen} or {fout}]
     namen:  {teksten: [text], limiet}       -> [safe name]
     stappenplan: {plan, antwoorden: [answers]} -> [{open, klaar, anderen, later, regios}] */
import fs from "node:fs";

import { fill, invulling, unpack } from "../docs/javascripts/docx_vullen.js";
import * as regels from "../docs/javascripts/regels.js";
import { planFilter } from "../docs/javascripts/stappenplan_filter.js";
import { parseCsv, safeName, tableRows } from "../docs/javascripts/tabel.js";
import * as zip from "../docs/javascripts/zip.js";

function attempt(run) {
  try {
    return run();
  } catch (exc) {
    return { fout: exc.message };
  }
}

async function documentXml(parts, spec, raw) {
  const filled = fill(parts, invulling(spec, regels.check(spec, raw)));
  const entry = zip.read(filled.buffer).find((e) => e.name === "word/document.xml");
  return new TextDecoder("utf-8").decode(await zip.content(entry));
}

/* A plan as ids: the reader's open statements per phase and block, the settled ones, the others' by party. */
function plan(filter, answers) {
  const c = filter.checklist(answers);
  const items = [...c.fasen.flatMap((f) => f.blokken.flatMap((b) => b.items)), ...c.klaar];
  const later = Object.fromEntries(
    [...items, ...c.anderen.flatMap((g) => g.items)].filter((u) => u.later).map((u) => [u.id, u.later]),
  );
  return {
    open: c.fasen.map((f) => [f.fase.id, f.nu, f.blokken.map((b) => [b.rubriek.id, b.items.map((u) => u.id)])]),
    klaar: c.klaar.map((u) => u.id),
    anderen: c.anderen.map((g) => [g.partij.id, g.items.map((u) => u.id)]),
    later: later,
    regios: [...filter.shownKeys(answers)].sort(),
  };
}

async function answer(request) {
  const out = {};
  if (request.regels) {
    out.regels = request.regels.map((group) => group.raws.map((raw) => regels.check(group.spec, raw)));
  }
  if (request.docx) {
    const { spec, sjabloon, raws } = request.docx;
    const parts = await unpack(Uint8Array.from(Buffer.from(sjabloon, "base64")).buffer);
    out.docx = [];
    for (const raw of raws) out.docx.push(await documentXml(parts, spec, raw));
  }
  if (request.csv) {
    out.csv = request.csv.teksten.map((text) => attempt(() => ({ records: parseCsv(text, request.csv.meldingen) })));
  }
  if (request.rijen) {
    const M = request.rijen.meldingen;
    out.rijen = request.rijen.tabellen.map((table) => attempt(() => ({ rijen: tableRows(table, M) })));
  }
  if (request.namen) out.namen = request.namen.teksten.map((text) => safeName(text, request.namen.limiet));
  if (request.stappenplan) {
    const filter = planFilter(request.stappenplan.plan);
    out.stappenplan = request.stappenplan.antwoorden.map((answers) => plan(filter, answers));
  }
  return out;
}

try {
  process.stdout.write(JSON.stringify(await answer(JSON.parse(fs.readFileSync(0, "utf8")))));
} catch (exc) {
  process.stderr.write(String(exc && exc.stack ? exc.stack : exc));
  process.exit(1);
}
