// The class dashboard in a real headless browser (Debian's chromium, driven by playwright-core):
// an instructor creates a class in the form, simulated trainees join and play, and the roster
// and leaderboard update without a reload; then the drill-down and the release button work.
// Writes a screenshot of the dashboard to docs/dashboard.png.
//
//   KAM=target/debug/kam ROBOTS=target/debug/examples/class_robots node tests/browser/dashboard.mjs

import { spawn } from "node:child_process";
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import net from "node:net";
import { chromium } from "playwright-core";

const root = resolve(import.meta.dirname, "../..");
const kam = resolve(root, process.env.KAM ?? "target/debug/kam");
const robots = resolve(root, process.env.ROBOTS ?? "target/debug/examples/class_robots");
const screenshot = resolve(root, process.env.SCREENSHOT ?? "docs/dashboard.png");
const TRAINEES = 12;

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
  await page.waitForFunction(() => Number(document.querySelector("#open-month")?.textContent) >= 3, null, { timeout: 60000 });
  const leaderboardRows = await page.locator("#leaderboard tbody tr").count();
  if (leaderboardRows !== TRAINEES + 1) fail(`leaderboard has ${leaderboardRows} rows, not ${TRAINEES} and the expert`);
  const scores = await page.locator("#leaderboard tbody tr:not(.expert) td.num:nth-of-type(4)").allTextContents();
  if (scores.map(Number).some(Number.isNaN)) fail(`scores are not numbers: ${scores}`);
  // Ranked like with like: by the score against the expert's after as many months.
  const gaps = await page.locator("#leaderboard tbody tr:not(.expert) td.num:nth-of-type(5)").allTextContents();
  const numbers = gaps.map(Number);
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
  console.log(`dashboard test: passed (${TRAINEES} trainees, join code ${code}); screenshot ${screenshot}`);
} finally {
  robotProcess?.kill();
  await browser.close();
  server.kill("SIGTERM");
}
