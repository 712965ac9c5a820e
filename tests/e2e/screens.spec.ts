// Shared screens: presentation mode driven like a clicker, themes that
// persist (with a high-contrast projector theme), every screen size in
// every theme, and a printed handout that fits one page.
import type { Page } from "@playwright/test";
import { test, expect, openApp, screenshot, axeViolations, PHASES } from "./fixtures";

const THEMES = ["light", "dark", "projector"] as const;

async function chooseTheme(page: Page, theme: (typeof THEMES)[number]) {
  await page.getByLabel("Theme").selectOption(theme);
  await expect(page.locator("html")).toHaveAttribute("data-theme", theme);
}

/** The phase the wheel shows as current while presenting, or "overview". */
async function currentStep(page: Page) {
  return page.evaluate(() => {
    const current = document.querySelector(".phase.is-current .phase-button");
    return current ? current.getAttribute("aria-label") : "overview";
  });
}

test("presentation mode steps through the phases by keyboard, survives a reload and ends with Esc", async ({
  page,
}) => {
  await openApp(page);
  await page.getByRole("button", { name: "Present" }).click();
  await expect(page.locator(".topbar")).toBeHidden();
  await expect(page.locator(".panel")).toHaveCount(0);
  const slide = page.getByRole("region", { name: "Presentation" });
  await expect(slide).toContainText("Data factory to data mesh");
  expect(await currentStep(page)).toBe("overview");
  await expect(page).toHaveURL(/present=overview/);

  // Right arrow, Space and Page Down, as a clicker sends them.
  const keys = ["ArrowRight", "Space", "PageDown", "ArrowDown"];
  for (const [index, key] of keys.entries()) {
    await page.keyboard.press(key);
    expect(await currentStep(page)).toBe(PHASES[index].name);
    await expect(slide.getByRole("heading", { level: 2 })).toContainText(PHASES[index].name.split(": ")[1]);
    await expect(page).toHaveURL(new RegExp(`present=${index + 1}`));
  }
  // The wheel turns on: after IV comes I again.
  await page.keyboard.press("ArrowRight");
  expect(await currentStep(page)).toBe(PHASES[0].name);
  await page.keyboard.press("PageUp");
  expect(await currentStep(page)).toBe("overview");
  await page.keyboard.press("ArrowRight");
  await page.keyboard.press("ArrowRight");
  expect(await currentStep(page)).toBe(PHASES[1].name);

  // Body text is at least 28 px at 1920×1080.
  const size = await slide.locator(".slide-list li").first().evaluate((li) => parseFloat(getComputedStyle(li).fontSize));
  expect(size).toBeGreaterThanOrEqual(28);
  await screenshot(page, "presenting-1920x1080");

  // A reload stays on the step.
  await page.reload();
  await expect(page.getByRole("region", { name: "Presentation" })).toBeVisible();
  expect(await currentStep(page)).toBe(PHASES[1].name);

  // On-screen buttons work too.
  await page.getByRole("button", { name: "Next", exact: true }).click();
  expect(await currentStep(page)).toBe(PHASES[2].name);
  await page.getByRole("button", { name: "Overview" }).click();
  expect(await currentStep(page)).toBe("overview");

  // Esc leaves.
  await page.locator("body").focus();
  await page.keyboard.press("Escape");
  await expect(page.locator(".topbar")).toBeVisible();
  await expect(page.getByRole("region", { name: "Presentation" })).toHaveCount(0);
  await expect(page).not.toHaveURL(/present=/);
});

test("the theme follows the system until chosen, persists, and text size can change", async ({ page }) => {
  await page.emulateMedia({ colorScheme: "dark" });
  await openApp(page);
  const background = () => page.evaluate(() => getComputedStyle(document.body).backgroundColor);
  expect(await background()).toBe("rgb(17, 19, 24)");
  await chooseTheme(page, "light");
  expect(await background()).toBe("rgb(244, 245, 247)");
  await chooseTheme(page, "projector");
  expect(await background()).toBe("rgb(0, 0, 0)");
  await page.reload();
  await expect(page.locator("html")).toHaveAttribute("data-theme", "projector");

  const fontSize = () => page.evaluate(() => parseFloat(getComputedStyle(document.documentElement).fontSize));
  const before = await fontSize();
  await page.getByRole("button", { name: "Larger text" }).click();
  await page.getByRole("button", { name: "Larger text" }).click();
  expect(await fontSize()).toBeCloseTo(before * 1.2, 1);
  await page.reload();
  // After a reload the size comes back once the app has started.
  await expect.poll(fontSize).toBeCloseTo(before * 1.2, 1);
  await page.getByRole("button", { name: "Smaller text" }).click();
  await expect.poll(fontSize).toBeCloseTo(before * 1.1, 1);
});

test("reduced motion turns transitions off", async ({ page }) => {
  const chipTransition = () =>
    page.locator(".chip rect").first().evaluate((el) => getComputedStyle(el).transitionDuration);
  await openApp(page);
  expect(await chipTransition()).not.toBe("0s");
  await page.emulateMedia({ reducedMotion: "reduce" });
  await expect.poll(chipTransition).toBe("0s");
});

for (const theme of THEMES) {
  test(`axe-core finds no violations in the ${theme} theme, editing and presenting`, async ({ page }) => {
    await openApp(page);
    await chooseTheme(page, theme);
    const options = theme === "projector" ? { rules: { "color-contrast-enhanced": { enabled: true } } } : {};
    expect(await axeViolations(page, options)).toEqual([]);
    await page.getByRole("button", { name: "Present" }).click();
    await page.keyboard.press("ArrowRight");
    expect(await axeViolations(page, options)).toEqual([]);
  });
}

const SIZES = [
  { width: 390, height: 844 },
  { width: 1366, height: 768 },
  { width: 1920, height: 1080 },
  { width: 3840, height: 2160 },
];

for (const theme of THEMES) {
  test(`screenshots in the ${theme} theme at every size, editing and presenting`, async ({ page }) => {
    for (const size of SIZES) {
      await page.setViewportSize(size);
      await openApp(page);
      await chooseTheme(page, theme);
      const wheel = (await page.getByRole("group", { name: "Value flywheel" }).boundingBox())!;
      expect(wheel.x + wheel.width).toBeLessThanOrEqual(size.width + 0.5);
      expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(size.width);
      await screenshot(page, `${theme}-${size.width}x${size.height}`);
      if (size.width >= 1366) {
        await page.getByRole("button", { name: "Present" }).click();
        await page.keyboard.press("ArrowRight");
        await expect(page.getByRole("region", { name: "Presentation" })).toBeVisible();
        const presented = (await page.getByRole("group", { name: "Value flywheel" }).boundingBox())!;
        expect(presented.y + presented.height).toBeLessThanOrEqual(size.height + 0.5);
        await screenshot(page, `${theme}-${size.width}x${size.height}-presenting`);
        await page.locator("body").focus();
        await page.keyboard.press("Escape");
      }
    }
  });
}

test("printing gives a one-page landscape handout with every item title", async ({ page }) => {
  await openApp(page);
  await page.emulateMedia({ media: "print" });
  const handout = page.locator(".print-handout");
  await expect(handout).toBeVisible();
  const titles = await page.evaluate(() => {
    const board = JSON.parse(localStorage.getItem(`value-flywheel/board/${JSON.parse(localStorage.getItem("value-flywheel/library")!).library.last_open}`)!).board;
    return board.items.map((item: { title: string }) => item.title);
  });
  for (const title of titles) await expect(handout).toContainText(title);
  await expect(handout).toContainText("Value metrics");
  await expect(handout).toContainText("Gaps (");
  await expect(page.locator(".topbar")).toBeHidden();
  await page.screenshot({ path: "target/screenshots/print-preview.png" });
  const pdf = await page.pdf({ format: "A4", landscape: true, preferCSSPageSize: true, printBackground: false });
  const pages = pdf.toString("latin1").match(/\/Type\s*\/Page[^s]/g) ?? [];
  expect(pages.length, "the handout fits one page").toBe(1);
});
