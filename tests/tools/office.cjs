// The office page in a real browser (Debian's Chromium, driven by
// puppeteer-core): each role logs in and does its part of one repair case
// end to end, through the page's own forms; the checks read what the page
// shows, and screenshots are taken and checked for content and layout.
// Prints "ok N - ..." / "not ok N - ..." lines.
// usage: node office.cjs URL CASE SHOTDIR
const puppeteer = require("puppeteer-core");
const fs = require("fs");
const [url, caseNo, shots] = process.argv.slice(2);
let n = 0, failed = 0;
function check(what, ok, why) {
	n++;
	if (ok) console.log(`ok ${n} - ${what}`);
	else {
		failed++;
		console.log(`not ok ${n} - ${what}` + (why ? `\n#   ${why}` : ""));
	}
}

const browser_path = process.env.CHROMIUM || "/usr/bin/chromium";

async function login(browser, badge, pin, size) {
	const ctx = await browser.createBrowserContext();
	const page = await ctx.newPage();
	await page.setViewport(size || { width: 1366, height: 768 });
	await page.goto(url + "/login");
	await page.type("input[name=badge]", badge);
	await page.type("input[name=pin]", pin);
	await Promise.all([page.waitForNavigation(), page.click("form button")]);
	return page;
}

async function openCase(page) {
	await page.goto(url + "/case?key=" + encodeURIComponent(caseNo));
}

// The form of one action on the case page, or null.
async function form(page, cmd) {
	return page.$(`form.act:has(input[name=cmd][value="${cmd}"])`);
}

// Fills the fields of an action's form (name -> value; true ticks a box)
// and sends it; returns the message the page shows after.
async function act(page, cmd, fields) {
	const f = await form(page, cmd);
	if (!f) return { missing: true };
	for (const [name, v] of Object.entries(fields)) {
		const el = await f.$(`[name="${name}"]`);
		if (!el) return { missing: name };
		const tag = await el.evaluate((e) => e.tagName + ":" + e.type);
		if (v === true) await el.click();
		else if (tag.startsWith("SELECT")) await el.select(v);
		else await el.type(v);
	}
	await Promise.all([page.waitForNavigation(),
	    f.$eval("button", (b) => b.click())]);
	return {
		flash: await page.$eval(".flash", (e) => e.textContent)
		    .catch(() => ""),
		bad: await page.$(".flash.err") !== null,
	};
}

const state = (page) => page.$eval("#state", (e) => e.dataset.state);

// Nothing wider than the screen, the header on top, content below it,
// and a screenshot that is a real picture of some size.
async function layout(page, name, what) {
	const file = `${shots}/${name}.png`;
	await page.screenshot({ path: file, fullPage: true });
	const m = await page.evaluate(() => {
		const h = document.querySelector("header").getBoundingClientRect();
		const main = document.querySelector("main").getBoundingClientRect();
		return {
			over: document.documentElement.scrollWidth - window.innerWidth,
			top: h.top, hb: h.bottom, mt: main.top, mh: main.height,
		};
	});
	const png = fs.readFileSync(file);
	check(`${what}: a screenshot (${png.length} bytes), nothing wider` +
	    " than the screen, the header above the content",
	    png.length > 8000 && png.readUInt32BE(0) === 0x89504e47 &&
	    m.over <= 0 && m.top === 0 && m.mt >= m.hb && m.mh > 50,
	    JSON.stringify(m));
}

(async () => {
	const browser = await puppeteer.launch({
		executablePath: browser_path,
		headless: true,
		args: ["--no-sandbox", "--disable-gpu", "--no-first-run",
		    "--disable-dev-shm-usage"],
	});
	try {
		// customer service: whose parcel it is
		let p = await login(browser, "1006", "9006");
		check("customer service logs in and sees its name",
		    (await p.$eval("header .me", (e) => e.textContent))
		    .includes("赵敏"));
		await openCase(p);
		let r = await act(p, "case customer", {
			"--name": "华光灯饰 <i>Huaguang</i>",
			"--phone": "13912345678",
			"--address": "广州市番禺区市桥街100号",
			"--complaint": "灯不亮 does not light",
		});
		check("... fills in the customer through the page's form",
		    r.flash && !r.bad, JSON.stringify(r));
		check("... and sees the phone whole",
		    (await p.$eval(".c-phone", (e) => e.textContent)) ===
		    "13912345678");
		check("... the customer's markup shown as text",
		    (await p.$eval(".c-name", (e) => e.innerHTML))
		    .includes("&lt;i&gt;"));
		const file = await p.$("input[type=file][name=photo]");
		await file.uploadFile(process.env.PHOTO);
		await Promise.all([p.waitForNavigation(),
		    p.$eval("form[enctype] button", (b) => b.click())]);
		await p.waitForFunction(() => [...document.images]
		    .every((i) => i.complete), { timeout: 15000 });
		const pics = await p.$$eval("img.thumb, img.label", (imgs) =>
		    imgs.map((i) => i.className + ":" + i.naturalWidth));
		check("... sends a photo from the browser; it shows small, and" +
		    " the label as the printer draws it", pics.length === 2 &&
		    pics.every((x) => Number(x.split(":")[1]) > 50),
		    JSON.stringify(pics));
		await layout(p, "case-service", "the case as customer service sees it");

		// the technician: phone masked, the repair logged
		p = await login(browser, "1002", "9002");
		await openCase(p);
		const masked = await p.$eval(".c-phone", (e) => e.textContent);
		check("the technician sees the phone masked", masked.includes("****")
		    && !masked.includes("12345678"), masked);
		check("... and is offered the repair, not finance's sign-off",
		    await form(p, "case repair") !== null &&
		    await form(p, "case approve") === null &&
		    await form(p, "case customer") === null);
		r = await act(p, "case repair", { "--cause": "DRIVER",
		    "--part": "DRV-60W:1", "--note": "驱动烧毁 driver burnt" });
		check("... logs the repair", !r.bad && await state(p) ===
		    "repaired", JSON.stringify(r));
		await layout(p, "case-technician", "the case as the technician sees it");

		// the inspector signs with the PIN again
		p = await login(browser, "1003", "9003");
		await openCase(p);
		const pinField = await (await form(p, "case inspect"))
		    .$("input[name=pin]");
		check("the inspector's verdict asks for the PIN again",
		    pinField !== null);
		r = await act(p, "case inspect", { "--pass": true, "pin": "1111" });
		check("... a wrong PIN signs nothing, said in words", r.bad &&
		    await state(p) === "repaired", JSON.stringify(r));
		r = await act(p, "case inspect", { "--pass": true, "pin": "9003",
		    "--note": "外观良好" });
		check("... the right one passes it", !r.bad &&
		    await state(p) === "inspected", JSON.stringify(r));

		// finance signs
		p = await login(browser, "1004", "9004");
		await openCase(p);
		r = await act(p, "case approve", { "pin": "9004" });
		check("finance signs off with its PIN", !r.bad &&
		    await state(p) === "finance_approved", JSON.stringify(r));
		await layout(p, "case-finance", "the case as finance sees it");

		// the desk ships
		p = await login(browser, "1001", "9001");
		await openCase(p);
		r = await act(p, "case ship", { "--waybill": "SF7000000000001" });
		check("the desk ships it", !r.bad && await state(p) === "shipped",
		    JSON.stringify(r));

		// customer service calls back
		p = await login(browser, "1006", "9006");
		await openCase(p);
		r = await act(p, "case callback", { "--received": "yes",
		    "--satisfaction": "5", "--note": "满意" });
		check("customer service records the call back", !r.bad,
		    JSON.stringify(r));

		// the supervisor closes, finds it, reads the page in English
		p = await login(browser, "1005", "9005");
		await openCase(p);
		r = await act(p, "case close", { "pin": "9005" });
		check("the supervisor closes the case", !r.bad &&
		    await state(p) === "closed", JSON.stringify(r));
		const history = await p.$$eval("section:last-of-type tbody tr",
		    (rows) => rows.map((x) => x.textContent).join("\n"));
		check("... and its history shows every step",
		    ["case.customer", "case.repair", "case.inspect_pass",
		    "case.approve", "case.ship", "case.callback", "case.close"]
		    .every((a) => history.includes(a)), history);
		await p.goto(url + "/cases?find=13912345678");
		const found = await p.$$eval("table.cases tbody tr",
		    (rows) => rows.map((x) => x.textContent));
		check("a search by the phone finds the case", found.length === 1 &&
		    found[0].includes(caseNo), JSON.stringify(found));
		await p.goto(url + "/cases");
		await layout(p, "cases", "the list of cases");
		await p.goto(url + "/");
		await layout(p, "dashboard-supervisor", "the supervisor's dashboard");

		// a parcel scanned at the desk shows up on the open dashboard
		await p.evaluate(() => { window.__same_page = true; });
		require("child_process").execFileSync(process.env.STATIONCTL,
		    ["-s", process.env.STATION_SOCK, "scan", "%OP:1001",
		    "SF6100000000077", "%KIND:REPAIR", "%MODEL:LX-FL100",
		    "%COND:SEVERE", "%DONE"], { stdio: "ignore" });
		const live = await p.waitForFunction(() =>
		    document.querySelector("main").textContent
		    .includes("SF6100000000077"), { timeout: 15000 })
		    .then(() => true, () => false);
		check("a parcel held at the desk appears on the open dashboard," +
		    " live", live && await p.evaluate(() =>
		    window.__same_page === true));
		// the head's month: charts drawn by the station, downloads
		await p.goto(url + "/reports?period=monthly");
		await p.waitForFunction(() => [...document.images]
		    .every((i) => i.complete), { timeout: 20000 });
		const charts = await p.$$eval("img.chart", (imgs) =>
		    imgs.map((i) => i.naturalWidth));
		check(`the month's report shows its ${charts.length} charts,` +
		    " each drawn", charts.length >= 6 &&
		    charts.every((w) => w > 100), JSON.stringify(charts));
		const links = await p.$$eval(".downloads a", (as) =>
		    as.map((a) => a.textContent));
		check("... with CSV, XLSX and PDF to download",
		    links.join(",") === "CSV,XLSX,PDF", links.join(","));
		await layout(p, "reports", "the month's report");
		await Promise.all([p.waitForNavigation(),
		    p.click("a[href^='/lang']")]);
		check("the English switch turns the page to English",
		    (await p.$eval("header", (e) => e.textContent))
		    .includes("Dashboard") &&
		    await p.$eval("html", (e) => e.lang) === "en");

		// a return above 500 yuan: customer service applies, the head and
		// the general manager sign the chain with their PINs, QC inspects,
		// finance signs
		const ret = process.env.RETURN_CASE;
		const open = (pg) => pg.goto(url + "/case?key=" +
		    encodeURIComponent(ret));
		p = await login(browser, "1006", "9006");
		await open(p);
		r = await act(p, "case apply", { "--request": "return",
		    "--reason": "灯具批量闪烁 flickering", "--price": "1=300" });
		check("customer service files a return application of 600 yuan",
		    !r.bad, JSON.stringify(r));
		const chain = [["1005", "9005", "the head"],
		    ["1007", "9007", "the general manager"]];
		for (const [badge, pin, who] of chain) {
			p = await login(browser, badge, pin);
			await open(p);
			r = await act(p, "case review", { "--approve": true,
			    "--note": "同意", "pin": pin });
			check(`${who} signs the chain on the page`, !r.bad,
			    JSON.stringify(r));
		}
		p = await login(browser, "1008", "9008");
		await open(p);
		r = await act(p, "case review", { "--approve": true,
		    "pin": "9008" });
		check("... and the GM's office, not on this chain above 500 yuan," +
		    " signs nothing, said in words", r.missing || r.bad,
		    JSON.stringify(r));
		p = await login(browser, "1003", "9003");
		await open(p);
		r = await act(p, "case inspect", { "--pass": true,
		    "--sample": "1", "pin": "9003" });
		check("QC inspects the return, one unit sampled", !r.bad && await state(p) ===
		    "inspected", JSON.stringify(r));
		p = await login(browser, "1004", "9004");
		await open(p);
		r = await act(p, "case approve", { "pin": "9004" });
		check("finance signs the approved return", !r.bad &&
		    await state(p) === "finance_approved", JSON.stringify(r));
		const approvals = await p.$$eval("section.box", (xs) => xs
		    .filter((x) => x.textContent.includes("approvals"))
		    .map((x) => x.textContent).join(" "));
		check("... the case shows both signatures of the chain",
		    approvals.includes("1005") && approvals.includes("1007"),
		    approvals.slice(0, 300));

		// the admin adds an operator and a model; the new badge logs in
		p = await login(browser, "1000", "9000");
		await p.goto(url + "/admin");
		r = await act(p, "operator add", { "pos0": "1010",
		    "--name": "吴涛 Wu Tao", "--role": "finance", "pin": "9000" });
		check("the admin adds an operator on the admin page", !r.bad,
		    JSON.stringify(r));
		r = await act(p, "operator pin", { "pos0": "1010",
		    "--pin": "4321", "pin": "9000" });
		check("... and sets the new badge's PIN", !r.bad, JSON.stringify(r));
		r = await act(p, "product add", { "pos0": "LX-PL600",
		    "--name": "面板灯 panel 600", "--spec": "40W 600x600",
		    "pin": "9000" });
		check("... adds a model to the catalogue", !r.bad &&
		    (await p.$eval("main", (e) => e.textContent))
		    .includes("LX-PL600"), JSON.stringify(r));
		await layout(p, "admin", "the admin page");
		const q = await login(browser, "1010", "4321");
		check("the new operator logs in with that PIN",
		    (await q.$eval("header .me", (e) => e.textContent))
		    .includes("吴涛"));
		const forms = await q.$$eval("form.act input[name=cmd]",
		    (x) => x.map((i) => i.value)).catch(() => []);
		await q.goto(url + "/admin");
		const offered = await q.$$eval("form.act input[name=cmd]",
		    (x) => x.map((i) => i.value));
		check("... and finance is offered only its own PIN on the admin" +
		    " page", offered.join(",") === "operator pin" &&
		    forms.length === 0, offered.join(","));

		// a tablet, standing
		p = await login(browser, "1005", "9005", { width: 768,
		    height: 1024, isMobile: true, hasTouch: true });
		await openCase(p);
		await layout(p, "case-tablet", "the case on a tablet");
	} catch (e) {
		check("the browser run ends without an error", false,
		    String(e.stack || e).replace(/\n/g, "\n#   "));
	} finally {
		await browser.close();
	}
	process.exit(failed ? 1 : 0);
})();
