/* Tables from a filled-in file, as generators/overeenkomsten/batch.py reads them: CSV records, rows by column name,
   safe file names and the `invulbestand` message templates. No page code here, so the differential test
   (tests/test_tweeling.py) runs it in node against Python on generated input. */
/* CSV exactly as Python's csv.reader (excel dialect, strict) reads it, after the same delimiter choice. */
export function parseCsv(text, M) {
  const first = text.split("\n", 1)[0];
  const count = (s, ch) => s.split(ch).length - 1;
  const delimiter = count(first, ";") > count(first, ",") ? ";" : ",";
  const n = text.length;
  const records = [];
  const lineEnd = (i) => (text[i] === "\r" && text[i + 1] === "\n" ? 2 : 1);
  let i = 0;
  while (i < n) {
    if (text[i] === "\r" || text[i] === "\n") {
      records.push([]);
      i += lineEnd(i);
      continue;
    }
    const record = [];
    for (;;) {
      let field = "";
      if (text[i] === '"') {
        i++;
        for (;;) {
          if (i >= n) throw new Error(M.geen_csv);
          if (text[i] === '"') {
            if (text[i + 1] !== '"') break;
            field += '"';
            i += 2;
          } else field += text[i++];
        }
        i++;
        if (i < n && text[i] !== delimiter && text[i] !== "\r" && text[i] !== "\n") throw new Error(M.geen_csv);
      } else {
        while (i < n && text[i] !== delimiter && text[i] !== "\r" && text[i] !== "\n") field += text[i++];
      }
      record.push(field);
      if (i < n && text[i] === delimiter) {
        i++;
        continue;
      }
      if (i < n) i += lineEnd(i);
      break;
    }
    records.push(record);
  }
  return records;
}

function columnName(header, M) {
  const found = new RegExp("^(?:" + M.kolomnaam + ")$", "s").exec(header);
  return found ? found[1] || found[2] : header;
}

/* [row number as a spreadsheet shows it, raw values]; the header is row 1 and empty rows are skipped. */
export function tableRows(table, M) {
  if (!table.length) throw new Error(M.geen_kop);
  const names = table[0].map((h) => columnName(h, M));
  const rows = [];
  table.slice(1).forEach((cells, index) => {
    if (cells.every((cell) => cell === "")) return;
    const raw = {};
    cells.forEach((cell, i) => {
      const named = i < names.length && names[i] !== "";
      if (named || cell !== "") raw[named ? names[i] : format(M.kolom_zonder_kop, { nummer: i + 1 })] = cell;
    });
    rows.push([index + 2, raw]);
  });
  return rows;
}

export function safeName(text, limit) {
  // eslint-disable-next-line no-control-regex -- the ASCII range, as Python's encode("ascii", "ignore")
  const ascii = text.normalize("NFKD").replace(/[^\x00-\x7f]/g, "");
  const slug = ascii
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-+|-+$/g, "");
  return slug.slice(0, limit).replace(/^-+|-+$/g, "");
}

/* Python's str.format for the templates of `invulbestand`: only {name} placeholders. */
export function format(template, values) {
  return template.replace(/\{(\w+)\}/g, (whole, key) => (key in values ? String(values[key]) : whole));
}
