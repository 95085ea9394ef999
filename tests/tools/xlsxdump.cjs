// Reads a workbook with an independent reader (SheetJS) and prints each
// sheet as tab-separated rows: "## NAME" then the cells as Excel shows
// them (w) or, with --raw, their type and value ("n:2", "d:2026-11-24",
// "s:text"); "## charts" lists the chart parts and their kinds.
// usage: node xlsxdump.cjs FILE [--raw]
const XLSX = require("xlsx");
const fs = require("fs");
const raw = process.argv.includes("--raw");
const wb = XLSX.read(fs.readFileSync(process.argv[2]),
    { cellDates: true, bookFiles: true, cellNF: true });
for (const name of wb.SheetNames) {
	const ws = wb.Sheets[name];
	console.log("## " + name);
	if (!ws["!ref"]) continue;
	const r = XLSX.utils.decode_range(ws["!ref"]);
	for (let y = r.s.r; y <= r.e.r; y++) {
		const cells = [];
		for (let x = r.s.c; x <= r.e.c; x++) {
			const c = ws[XLSX.utils.encode_cell({ r: y, c: x })];
			if (!c) { cells.push(""); continue; }
			if (!raw) { cells.push(c.w !== undefined ? c.w : String(c.v)); continue; }
			let v = c.v;
			if (c.t === "d") v = v.toISOString().slice(0, 16).replace("T", " ");
			cells.push(c.t + ":" + v + (c.z && c.z !== "General" ? "|" + c.z : ""));
		}
		console.log(cells.join("\t"));
	}
}
console.log("## charts");
const files = wb.files || {};
for (const k of Object.keys(files).sort()) {
	const m = /^xl\/charts\/chart\d+\.xml$/.exec(k);
	if (!m) continue;
	const f = files[k];
	const xml = f.content ? Buffer.from(f.content).toString() :
	    f.asNodeBuffer ? f.asNodeBuffer().toString() : String(f._data || "");
	const kinds = xml.match(/<c:(bar|line|pie|area|scatter)Chart>/g) || [];
	const dir = /<c:barDir val="(\w+)"/.exec(xml);
	const title = /<c:tx>.*?<a:t>([^<]*)<\/a:t>/.exec(xml);
	console.log(k + "\t" + kinds.join(",") + (dir ? " " + dir[1] : "") +
	    "\t" + (title ? title[1] : ""));
}
