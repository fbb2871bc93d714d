// The class dashboard in a real headless browser (Debian's chromium, driven by playwright-core):
// an instructor creates a class in the form, simulated trainees join and play, and the roster
// and leaderboard update without a reload; then the drill-down and the release button work.
// Writes a screenshot of the dashboard to docs/dashboard.png. Then the same in Chinese (issue
// 21): a browser that asks for Chinese gets every page in Chinese, with `lang="zh-CN"`, and the
// 中文 / English switch changes the language and is remembered. With SHOTS=DIR, screenshots of
// every page looked at, in both languages, go to DIR.
//
//   KAM=target/debug/kam ROBOTS=target/debug/examples/class_robots node tests/browser/dashboard.mjs

import { spawn } from "node:child_process";
import { mkdirSync, mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import net from "node:net";
import { chromium } from "playwright-core";

const root = resolve(import.meta.dirname, "../..");
const kam = resolve(root, process.env.KAM ?? "target/debug/kam");
const robots = resolve(root, process.env.ROBOTS ?? "target/debug/examples/class_robots");
const screenshot = resolve(root, process.env.SCREENSHOT ?? "docs/dashboard.png");
const TRAINEES = 12;
const shots = process.env.SHOTS ? resolve(process.env.SHOTS) : null;
if (shots) mkdirSync(shots, { recursive: true });

async function shot(page, name) {
  if (shots) await page.screenshot({ path: join(shots, `${name}.png`), fullPage: true });
}

async function expectLang(page, lang, what) {
  const said = await page.getAttribute("html", "lang");
  if (said !== lang) fail(`${what}: <html lang="${said}">, not ${lang}`);
}

function fail(message) {
  console.error(`dashboard test: FAILED: ${message}`);
  process.exitCode = 1;
  throw new Error(message);
}

function freePort() {
  return new Promise((done) => {
    const server = net.createServer();
    server.listen(0, "127.0.0.1", () => {
      const { port } = server.address();
      server.close(() => done(port));
    });
  });
}

async function waitForPort(port, ms = 30000) {
  const until = Date.now() + ms;
  while (Date.now() < until) {
    const open = await new Promise((done) => {
      const socket = net.connect(port, "127.0.0.1", () => { socket.end(); done(true); });
      socket.on("error", () => done(false));
    });
    if (open) return;
    await new Promise((r) => setTimeout(r, 100));
  }
  fail(`kam serve did not open port ${port}`);
}

// The same class server read by an instructor whose browser asks for Chinese.
async function chinese(base) {
  const context = await browser.newContext({ viewport: { width: 1400, height: 900 }, locale: "zh-CN" });
  const page = await context.newPage();
  await page.goto(`${base}/`);
  await expectLang(page, "zh-CN", "the create form");
  await page.waitForSelector("h1:has-text('开设班级')");
  await shot(page, "zh-create");

  // A broken file: the form comes back in Chinese (the errors are kam validate's).
  await page.fill("#scenario_file", '(id: "mine", title: "Mine", turns: "four")');
  await page.click("button[type=submit]");
  await page.waitForSelector("section.errors h2:has-text('班级没有创建')");
  await expectLang(page, "zh-CN", "a refused form");
  await shot(page, "zh-create-error");

  await page.goto(`${base}/`);
  if ((await page.inputValue("select[name=bundled]")) !== "classroom_zh") fail("the Chinese form does not offer the Chinese classroom");
  await page.fill("input[name=title]", "2025春季班 B组");
  await page.check("input[name=pacing][value=rounds]");
  await Promise.all([page.waitForURL(/\/i\/[a-z0-9]+$/), page.click("button[type=submit]")]);
  await expectLang(page, "zh-CN", "the dashboard");
  const code = (await page.textContent("#join-code")).trim();
  await page.waitForSelector("#connection.live", { timeout: 10000 });
  const live = await page.textContent("#connection");
  if (!live.startsWith("实时 · 更新于")) fail(`the live status is not in Chinese: ${live}`);
  const robots = spawn(robotsPath, [new URL(base).host, code, "8", "300"], { stdio: ["ignore", "inherit", "inherit"] });
  try {
    await page.waitForFunction(() => document.querySelectorAll("#roster tbody tr").length === 8, null, { timeout: 30000 });
    if (!(await page.textContent("#release")).includes("开始上课")) fail("no 开始上课 button");
    await Promise.all([page.waitForNavigation(), page.click("#release")]);
    await page.waitForSelector("#connection.live", { timeout: 10000 });
    await page.waitForFunction(() => Number(document.querySelector("#open-month")?.textContent) >= 3, null, { timeout: 60000 });
    await page.waitForSelector("#live h2:has-text('排行榜')");
    await shot(page, "zh-dashboard");

    await page.click("#leaderboard tbody tr:first-child a");
    await page.waitForSelector("h2:has-text('逐月明细')");
    await expectLang(page, "zh-CN", "the drill-down");
    await shot(page, "zh-drilldown");
    await page.goBack();

    // The switch: English, remembered over a reload, then Chinese again.
    await Promise.all([page.waitForNavigation(), page.click("nav.lang a:has-text('English')")]);
    await expectLang(page, "en", "the dashboard switched to English");
    await page.waitForSelector("h2:has-text('Leaderboard')");
    await page.reload();
    await expectLang(page, "en", "the dashboard reloaded after the switch");
    await page.waitForSelector("#connection.live", { timeout: 10000 });
    await shot(page, "en-dashboard");
    await Promise.all([page.waitForNavigation(), page.click("nav.lang a:has-text('中文')")]);
    await expectLang(page, "zh-CN", "the dashboard switched back to Chinese");

    // Ending the class asks in Chinese.
    let asked = "";
    page.once("dialog", (dialog) => { asked = dialog.message(); dialog.accept(); });
    await Promise.all([page.waitForNavigation(), page.click("#end")]);
    if (!asked.includes("结束这次课程")) fail(`the confirmation is not in Chinese: ${asked}`);
    await page.waitForSelector("text=课程已经结束。", { timeout: 10000 });
    await shot(page, "zh-ended");
  } finally {
    robots.kill();
  }
  const dashboardPath = new URL(page.url()).pathname;
  const stranger = await browser.newContext({ viewport: { width: 1000, height: 500 }, locale: "zh-CN" });
  const strangerPage = await stranger.newPage();
  const refused = await strangerPage.goto(`${base}${dashboardPath}`);
  if (refused.status() !== 403) fail(`the dashboard without its key answered ${refused.status()}`);
  await expectLang(strangerPage, "zh-CN", "an error page");
  await strangerPage.waitForSelector("h1:has-text('无法完成（403）')");
  await shot(strangerPage, "zh-error");
  await stranger.close();
  await context.close();
}

const robotsPath = robots;
const port = await freePort();
const dir = mkdtempSync(join(tmpdir(), "kam-browser-"));
const server = spawn(kam, ["serve", "--addr", `127.0.0.1:${port}`, "--db", `sqlite://${join(dir, "class.db")}`], {
  stdio: ["ignore", "inherit", "inherit"],
});
let robotProcess;
const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM ?? "/usr/bin/chromium",
  args: ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
    "--disable-background-networking", "--disable-component-update", "--disable-sync"],
});
try {
  await waitForPort(port);
  const page = await browser.newPage({ viewport: { width: 1400, height: 900 } });
  const base = `http://127.0.0.1:${port}`;

  // A broken scenario file is refused with located errors, and the form keeps what was typed.
  await page.goto(`${base}/`);
  await expectLang(page, "en", "the create form");
  await shot(page, "en-create");
  await page.fill("#scenario_file", '(id: "mine", title: "Mine", turns: "four")');
  await page.fill("input[name=title]", "Broken");
  await page.click("button[type=submit]");
  const errors = await page.textContent("section.errors pre");
  if (!/uploaded\.ron:\d+:\d+: error/.test(errors)) fail(`no located error: ${errors}`);
  if ((await page.inputValue("input[name=title]")) !== "Broken") fail("the form lost its title");

  // The instructor creates a class in rounds.
  await page.goto(`${base}/`);
  await page.selectOption("select[name=bundled]", "classroom_en");
  await page.fill("input[name=title]", "Spring cohort, group B");
  await page.check("input[name=pacing][value=rounds]");
  await Promise.all([page.waitForURL(/\/i\/[a-z0-9]+$/), page.click("button[type=submit]")]);
  const code = (await page.textContent("#join-code")).trim();
  if (!/^[A-Z0-9]{6}$/.test(code)) fail(`join code looks wrong: ${code}`);
  await page.waitForSelector("#connection.live", { timeout: 10000 });
  // A marker that a reload would wipe: the page must update without one.
  await page.evaluate(() => { window.__notReloaded = true; });
  if ((await page.locator("#roster tbody tr").count()) !== 0) fail("roster not empty at the start");

  // Simulated trainees join and play, a month at a time.
  robotProcess = spawn(robots, [`127.0.0.1:${port}`, code, String(TRAINEES), "300"], {
    stdio: ["ignore", "inherit", "inherit"],
  });
  await page.waitForFunction((n) => document.querySelectorAll("#roster tbody tr").length === n, TRAINEES, { timeout: 30000 });
  // Everyone is in: the instructor starts the class (the first round is theirs to release).
  if (!(await page.textContent("#release")).includes("Start the class")) fail("no Start the class button");
  await Promise.all([page.waitForNavigation(), page.click("#release")]);
  await page.waitForSelector("#connection.live", { timeout: 10000 });
  await page.evaluate(() => { window.__notReloaded = true; });
  await page.waitForFunction(() => Number(document.querySelector("#open-month")?.textContent) >= 3, null, { timeout: 60000 });
  const leaderboardRows = await page.locator("#leaderboard tbody tr").count();
  if (leaderboardRows !== TRAINEES + 1) fail(`leaderboard has ${leaderboardRows} rows, not ${TRAINEES} and the expert`);
  const scores = await page.locator("#leaderboard tbody tr:not(.expert) td.num:nth-of-type(4)").allTextContents();
  if (scores.map(Number).some(Number.isNaN)) fail(`scores are not numbers: ${scores}`);
  // Ranked like with like: by the score against the expert's after as many months.
  const gaps = await page.locator("#leaderboard tbody tr:not(.expert) td.num:nth-of-type(5)").allTextContents();
  // Shown with a true minus sign (U+2212), as the game shows changes.
  const numbers = gaps.map((g) => Number(g.replace("\u2212", "-")));
  if (numbers.some(Number.isNaN)) fail(`gaps are not numbers: ${gaps}`);
  if (numbers.some((x, i) => i > 0 && x > numbers[i - 1])) fail(`leaderboard is not sorted: ${numbers}`);
  await page.screenshot({ path: screenshot, fullPage: true });
  if (!(await page.evaluate(() => window.__notReloaded === true))) fail("the page reloaded");

  // Everyone finishes; the roster says so, still without a reload.
  await page.waitForFunction((n) => document.querySelectorAll('#roster tr[data-status="finished"]').length === n, TRAINEES, { timeout: 120000 });
  if (!(await page.evaluate(() => window.__notReloaded === true))) fail("the page reloaded");

  // The drill-down shows one trainee's game with its causes and debrief.
  await page.click("#leaderboard tbody tr:first-child a");
  await page.waitForSelector("text=Month by month");
  await page.waitForSelector("text=Debrief");
  await shot(page, "en-drilldown");
  await page.goBack();

  // The class report and the CSV download from the dashboard.
  const report = await page.request.get(`${base}${new URL(page.url()).pathname}/report.html`);
  if (report.status() !== 200 || !(await report.text()).includes("expert")) fail("class report");

  // The dashboard's own buttons work in a real browser (a hand run found every form refused
  // as cross-site: Chromium sent `Origin: null` under the old referrer policy). End the
  // session, accepting its confirmation, and the page says it has ended.
  page.once("dialog", (dialog) => dialog.accept());
  const [ended] = await Promise.all([
    page.waitForNavigation(),
    page.click("button:has-text('End the session')"),
  ]);
  if (ended && ended.status() >= 400) fail(`End the session answered ${ended.status()}`);
  await page.waitForSelector("text=The session has ended.", { timeout: 10000 });
  const dashboardPath = new URL(page.url()).pathname;

  // A refusal as a page: the dashboard without the key (another browser).
  const stranger = await browser.newContext({ viewport: { width: 1000, height: 500 } });
  const strangerPage = await stranger.newPage();
  const refused = await strangerPage.goto(`${base}${dashboardPath}`);
  if (refused.status() !== 403) fail(`the dashboard without its key answered ${refused.status()}`);
  await expectLang(strangerPage, "en", "an error page");
  await shot(strangerPage, "en-error");
  await stranger.close();

  await chinese(base);
  console.log(`dashboard test: passed (${TRAINEES} trainees, join code ${code}, both languages); screenshot ${screenshot}`);
} finally {
  robotProcess?.kill();
  await browser.close();
  server.kill("SIGTERM");
}
