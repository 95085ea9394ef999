// Draws ZPL with an independent renderer (zpl-renderer-js, a build of
// Zebrash): node zplrender.cjs IN.zpl OUT-PREFIX WIDTH_MM HEIGHT_MM DPMM
// Writes OUT-PREFIX-1.png, -2.png ... one per label in the file; prints
// how many.
const fs = require("fs");
const path = require("path");
const mod = process.env.ZPLR_MODULE || "zpl-renderer-js";
(async () => {
	const [inp, out, w, h, dpmm] = process.argv.slice(2);
	const { ready } = require(mod);
	const { api } = await ready;
	const zpl = fs.readFileSync(inp, "latin1");
	const labels = await api.zplToBase64MultipleAsync(zpl, +w, +h, +dpmm);
	labels.forEach((b, i) =>
		fs.writeFileSync(`${out}-${i + 1}.png`, Buffer.from(b, "base64")));
	console.log(labels.length);
	process.exit(0);
})().catch((e) => { console.error(String(e)); process.exit(1); });
