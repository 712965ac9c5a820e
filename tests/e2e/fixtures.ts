// Shared test fixtures: every page records console errors and uncaught
// exceptions, and a test fails if the app logged any, unless the test says
// which errors it expects.
import { test as base, expect, type Page } from "@playwright/test";
import { mkdirSync } from "node:fs";

export type PageErrors = { messages: string[]; allow: (pattern: RegExp) => void };

export const test = base.extend<{ pageErrors: PageErrors }>({
  pageErrors: [
    async ({ page }, use) => {
      const messages: string[] = [];
      const allowed: RegExp[] = [];
      page.on("console", (message) => {
        if (message.type() === "error") messages.push(`console: ${message.text()}`);
      });
      page.on("pageerror", (error) => messages.push(`pageerror: ${error.message}`));
      await use({ messages, allow: (pattern) => allowed.push(pattern) });
      const unexpected = messages.filter((m) => !allowed.some((p) => p.test(m)));
      expect(unexpected, "the page logged no errors").toEqual([]);
    },
    { auto: true },
  ],
});

export { expect };

/** User text as the app's messages quote it: curly quotes around a
 * directional isolate (U+2068 … U+2069), as `model::quoted` writes it. */
export const quoted = (text: string) => `“\u2068${text}\u2069”`;

/** Opens the app and waits until the wheel is drawn. */
export async function openApp(page: Page, path = "./") {
  await page.goto(path);
  await expect(page.getByRole("button", { name: "Phase I: Clarity of Purpose" })).toBeVisible();
}

/** Writes a screenshot to target/screenshots/<name>.png. */
export async function screenshot(page: Page, name: string) {
  mkdirSync("target/screenshots", { recursive: true });
  await page.screenshot({ path: `target/screenshots/${name}.png` });
}

/** The phase names as assistive technology hears them, in wheel order. */
export const PHASES = [
  { name: "Phase I: Clarity of Purpose", kind: "goal" },
  { name: "Phase II: Challenge and Landscape", kind: "challenge" },
  { name: "Phase III: Next Best Action", kind: "action" },
  { name: "Phase IV: Long-Term Value", kind: "value metric" },
] as const;

/** Runs axe-core in the page and returns its violations (rule id and targets). */
export async function axeViolations(page: Page, options: Record<string, unknown> = {}) {
  await page.addScriptTag({ path: "node_modules/axe-core/axe.min.js" });
  return page.evaluate(async (options) => {
    // @ts-expect-error axe is injected above
    const result = await window.axe.run(document, options);
    return result.violations.map((v: { id: string; nodes: { target: string[] }[] }) => ({
      id: v.id,
      targets: v.nodes.map((n) => n.target.join(" ")),
    }));
  }, options);
}

/**
 * Clicks a phase's segment with the mouse, near its outer rim where no chip
 * sits, as a person selecting the phase would. (The phase's button spans
 * the whole quarter, and chips on it are click targets of their own.)
 */
export async function clickPhase(page: Page, name: string) {
  const index = PHASES.findIndex((phase) => phase.name === name);
  if (index < 0) throw new Error(`no phase named ${name}`);
  const box = (await page.getByRole("group", { name: "Value flywheel" }).boundingBox())!;
  const size = Math.min(box.width, box.height);
  const left = box.x + (box.width - size) / 2;
  const top = box.y + (box.height - size) / 2;
  const angle = ((45 + 90 * index) * Math.PI) / 180;
  const radius = 0.4 * size;
  await page.mouse.click(left + size / 2 + radius * Math.sin(angle), top + size / 2 - radius * Math.cos(angle));
  await expect(page.getByRole("button", { name })).toHaveAttribute("aria-pressed", "true");
}

/** Starts a new board from a template through the "New board" dialog. */
export async function newBoard(page: Page | import("@playwright/test").FrameLocator, template = "Blank") {
  await page.getByRole("button", { name: "New board", exact: true }).first().click();
  const dialog = page.getByRole("dialog", { name: "New board" });
  await dialog.getByRole("button", { name: new RegExp(`^${template}`) }).click();
}

/**
 * Opens the card of the item with this title, so its editors (status,
 * owner, description, metric, links, move and delete) are on screen. A
 * closed card shows only its title and a one-line summary.
 */
export async function openCard(page: Page, title: string) {
  const toggle = page.getByRole("button", { name: `Details: ${title}`, exact: true });
  if ((await toggle.getAttribute("aria-expanded")) !== "true") await toggle.click();
  await expect(toggle).toHaveAttribute("aria-expanded", "true");
}
