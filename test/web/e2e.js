// e2e.js BASE_URL ARTIFACT_DIR - the search page of `songbad serve` in real
// headless Chromium (Debian's /usr/bin/chromium, driven by playwright-core).
// Prints "ok DESC" or "FAIL DESC: why" per check; test/cli/web_e2e.sh counts
// them. Screenshots go to ARTIFACT_DIR.
"use strict";
const fs = require("fs");
const os = require("os");
const path = require("path");
const { chromium } = require("playwright-core");

const base = process.argv[2];
const artifacts = process.argv[3];
const LAVROV_ID = "samples/articles/lavrov-dhaka.txt";
const XSS_TITLE = "<script>window.__xss = 1</script> \"নিরাপত্তা\" ও 'সতর্কতা' & <b>মোটা</b>";

function check(desc, ok, why) {
  console.log(ok ? "ok " + desc : "FAIL " + desc + ": " + (why || ""));
}

async function shot(page, name) {
  await page.screenshot({ path: path.join(artifacts, name + ".png"), fullPage: true });
}

// Types a query into the search box and waits for its results to show.
async function search(page, text) {
  await page.fill("#q", "");
  await page.type("#q", text);
  await page.press("#q", "Enter");
  await page.waitForFunction(
    (q) => new URLSearchParams(location.search).get("q") === q &&
      /পাওয়া/.test(document.getElementById("status").textContent),
    text, { timeout: 15000 });
}

const resultIds = (page) => page.$$eval("#results > li.result", (ls) => ls.map((l) => l.dataset.id));
const markTexts = (page) => page.$$eval("#results mark", (ms) => ms.map((m) => m.textContent));

async function main() {
  fs.mkdirSync(artifacts, { recursive: true });
  const profile = fs.mkdtempSync(path.join(os.tmpdir(), "songbad-chromium-"));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: "/usr/bin/chromium",
    headless: true,
    args: ["--headless", "--no-sandbox", "--disable-gpu", "--no-first-run",
      "--disable-background-networking", "--disable-component-update", "--disable-sync"],
    viewport: { width: 1200, height: 900 },
    // Playwright's waiting helpers evaluate code, which the page's policy
    // forbids; without the policy the XSS checks are also the stricter test
    // of the escaping alone (test/cli/serve_api.sh checks the header)
    bypassCSP: true,
  });
  try {
    const page = context.pages()[0] || (await context.newPage());
    const errors = [];
    const foreign = [];
    page.on("pageerror", (e) => errors.push(String(e)));
    page.on("console", (m) => { if (m.type() === "error") errors.push(m.text()); });
    await context.route("**/*", (route) => {
      const url = route.request().url();
      if (url.startsWith(base)) return route.continue();
      foreign.push(url);
      return route.abort();
    });

    await page.goto(base + "/");
    check("page: lang=bn", (await page.getAttribute("html", "lang")) === "bn");

    // Bengali spelling: the other spelling of the name is highlighted too
    await search(page, "ল্যাভরভ");
    const bnIds = await resultIds(page);
    const bnMarks = await markTexts(page);
    check("ল্যাভরভ: the Lavrov story is found", bnIds.includes(LAVROV_ID), JSON.stringify(bnIds));
    check("ল্যাভরভ: ল্যাভরভ is highlighted", bnMarks.some((m) => m.includes("ল্যাভরভ")), JSON.stringify(bnMarks));
    check("ল্যাভরভ: লাভরভ is highlighted too", bnMarks.some((m) => m.includes("লাভরভ")), JSON.stringify(bnMarks));
    const analysis = await page.textContent("#analysis");
    check("ল্যাভরভ: the query analysis shows its key and spellings",
      analysis.includes("#lvrv") && analysis.includes("লাভরভ"), analysis);
    const date = await page.textContent('#results li[data-id="n1"] time');
    check("dates in Bengali and ISO", date === "১৯ অক্টোবর ২০২৩ (2023-10-19)", date);
    const agencies = await page.textContent(`#results li[data-id="${LAVROV_ID}"] .agencies`);
    check("agency credits", agencies === "সূত্র: AFP, Reuters", agencies);
    const fontOk = await page.evaluate(async () => {
      await document.fonts.ready;
      return document.fonts.check('16px "Noto Sans Bengali"', "ল্যাভরভ");
    });
    check("Noto Sans Bengali is loaded from the server",
      fontOk || !fs.existsSync("/usr/share/fonts/truetype/noto/NotoSansBengali-Regular.ttf"));
    await shot(page, "01-search-bengali");

    // the near-duplicate wire copy is folded under the story, and opens
    const copies = `#results li[data-id="${LAVROV_ID}"] details.copies`;
    check("duplicate copy folded", (await page.$(copies)) !== null && !(await page.isVisible(copies + " ul a")));
    await page.click(copies + " summary");
    const copyLink = await page.getAttribute(copies + " ul a", "href");
    check("duplicate copy expands", (await page.isVisible(copies + " ul a")) &&
      copyLink === "/?id=" + encodeURIComponent("samples/articles/lavrov-dhaka-wire.txt"), copyLink);
    await shot(page, "02-duplicates");

    // the Latin spelling finds the same stories (in its own order: no
    // spelling of the name is closer to "Lavrov" than the other)
    await search(page, "Lavrov");
    const laIds = await resultIds(page);
    check("Lavrov: the same stories", laIds.includes(LAVROV_ID) &&
      JSON.stringify([...laIds].sort()) === JSON.stringify([...bnIds].sort()),
      JSON.stringify([laIds, bnIds]));
    check("Lavrov: Bengali spellings highlighted", (await markTexts(page)).some((m) => m.includes("ল্যাভরভ")));
    await shot(page, "03-search-latin");

    // filter by a source facet
    const facet = '#facets button[data-facet="source"][data-value="সকালের খবর"]';
    const count = await page.textContent(facet + " .count");
    await page.click(facet);
    await page.waitForFunction(() => new URLSearchParams(location.search).get("source") === "সকালের খবর" &&
      document.querySelectorAll("#results > li.result").length === 1);
    const sources = await page.$$eval("#results .source", (s) => s.map((x) => x.textContent));
    check("source facet filters", count === "১" && JSON.stringify(sources) === '["সকালের খবর"]',
      JSON.stringify([count, sources]));
    check("source facet is marked", (await page.getAttribute(facet, "class")) === "active");
    await shot(page, "04-source-facet");

    // open an article: headline, lead, body paragraphs
    await page.click("#results li.result h2 a");
    await page.waitForSelector("#article h1");
    const h1 = await page.textContent("#article h1");
    const lead = await page.textContent("#article .lead");
    check("article view", h1 === "সফর শেষে মস্কো ফিরলেন ল্যাভরভ" && lead.startsWith("তিন দিনের সফর শেষে"), h1);
    check("article view: caption paragraph", (await page.textContent("#article")).includes("ছবি: সকালের খবর"));
    await shot(page, "05-article");
    await page.goBack();
    await page.waitForSelector("#results li.result");
    check("back to the results", (await resultIds(page)).length === 1);

    // romanized input: sofor finds সফর and its inflected forms
    await search(page, "sofor");
    const roMarks = await markTexts(page);
    check("romanized sofor: সফর highlighted", roMarks.includes("সফর") && roMarks.some((m) => m.startsWith("সফরে")),
      JSON.stringify(roMarks));

    // pagination: 11 stories, 10 a page
    await search(page, "ঢাকা");
    const first = await resultIds(page);
    const pager = await page.textContent("#pager span");
    check("pager: two pages", first.length === 10 && pager === "পৃষ্ঠা ১ / ২", JSON.stringify([first.length, pager]));
    await page.click("#pager button:last-child");
    await page.waitForFunction(() => new URLSearchParams(location.search).get("page") === "2" &&
      document.querySelectorAll("#results > li.result").length === 1);
    const second = await resultIds(page);
    check("pager: page 2 has the eleventh story", !first.includes(second[0]) &&
      (await page.textContent("#pager span")) === "পৃষ্ঠা ২ / ২", JSON.stringify(second));
    await shot(page, "06-page-2");

    // the article full of HTML is shown as text and runs nothing
    await search(page, "নিরাপত্তা");
    const title = await page.textContent("#results li.result h2 a");
    check("xss: headline shown as text", title === XSS_TITLE, title);
    check("xss: no element from the data", (await page.$$("#results script, #results img, #results b, #facets i")).length === 0);
    const facetText = await page.textContent('#facets button[data-facet="source"] span');
    check("xss: source facet shown as text", facetText === "<i>ঝুঁকি</i> \"ডেস্ক\"", facetText);
    await page.click("#results li.result h2 a");
    await page.waitForSelector("#article h1");
    check("xss: article headline as text", (await page.textContent("#article h1")) === XSS_TITLE);
    check("xss: article body as text", (await page.textContent("#article")).includes('<img src=x onerror="window.__xss = 2">'));
    check("xss: no element from the data in the article", (await page.$$("#article script, #article img, #article b")).length === 0);
    check("xss: no script ran", (await page.evaluate(() => typeof window.__xss)) === "undefined");
    await shot(page, "07-xss-article");

    check("no request left the server", foreign.length === 0, JSON.stringify(foreign));
    check("no errors in the page", errors.length === 0, JSON.stringify(errors));
  } finally {
    await context.close();
    fs.rmSync(profile, { recursive: true, force: true });
  }
}

main().catch((e) => {
  check("the browser session", false, String(e && e.stack ? e.stack : e).replace(/\n/g, " | "));
  process.exitCode = 1;
});
