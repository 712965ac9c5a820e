// Shared screens: presentation mode driven like a clicker, themes that
// persist (with a high-contrast projector theme), every screen size in
// every theme, and a printed handout that fits one page.
import type { Page } from "@playwright/test";
import { test, expect, openApp, screenshot, axeViolations, clickPhase, PHASES } from "./fixtures";

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

/** Imports a board whose phases hold long titles: words too long for a line, owners, metrics. */
async function openLongBoard(page: Page) {
  await openApp(page);
  const long = [
    "Every domain team owns and publishes at least one trusted, documented data product by Q4",
    "Datenqualitätsverantwortlichkeitsübertragungsvereinbarungsprozessoptimierungsinitiative",
    "https://wiki.example.com/display/DATA/Platform+Roadmap+2026+Quarterly+Objectives+And+More",
    "Reduce time-to-insight for analysts from weeks to hours with a governed semantic layer",
  ];
  const kinds = ["goal", "challenge", "action", "value_metric"];
  const items = Array.from({ length: 48 }, (_, i) => ({
    id: i + 1,
    kind: kinds[i % 4],
    title: `${long[Math.floor(i / 4) % 4]} ${i + 1}`,
    owner: "Chief Data Officer Ana Müller-Lüdenscheidt",
  }));
  const text = JSON.stringify({ format: "value-flywheel", version: 3, board: { title: "Long titles", items, next_id: 49 } });
  await page.locator("input[type=file]").setInputFiles({ name: "long.json", mimeType: "application/json", buffer: Buffer.from(text) });
  await expect(page.getByLabel("Board title")).toHaveValue("Long titles");
}

test("a slide fits the screen however long the phase: words wrap, the rest is counted, the controls stay in view", async ({
  page,
}) => {
  await openLongBoard(page);
  await page.getByRole("button", { name: "Present" }).click();
  const slide = page.getByRole("region", { name: "Presentation" });
  // The overview presents no phase, so the wheel shows none as selected.
  const ringOpacity = () =>
    page.evaluate(() => getComputedStyle(document.querySelector(".phase.selected .segment-ring")!).strokeOpacity);
  expect(await ringOpacity()).toBe("0");
  for (const size of [
    { width: 1920, height: 1080 },
    { width: 1280, height: 720 },
    { width: 1024, height: 768 },
    // A phone: the wheel above the slide (the slide was a 173 px column
    // beside it, with no item in view).
    { width: 390, height: 844 },
  ]) {
    await page.setViewportSize(size);
    for (const step of ["overview", ...PHASES.map((phase) => phase.name)]) {
      if (step !== "overview") {
        // Choosing a phase on the wheel goes to its slide.
        await clickPhase(page, step);
        await expect(slide.getByRole("heading", { level: 2 })).toContainText(step.split(": ")[1]);
        await expect(slide.locator(".slide-list > li")).toHaveCount(8);
      } else {
        await page.getByRole("button", { name: "Overview" }).click();
      }
      // Fitted in the frame after the step: nothing wider than the slide,
      // nothing below its edge, the controls on screen.
      await expect
        .poll(() =>
          page.evaluate(() => {
            const body = document.querySelector<HTMLElement>(".slide-body")!;
            return body.scrollHeight <= body.clientHeight + 1 && body.scrollWidth <= body.clientWidth + 1;
          }),
        )
        .toBe(true);
      if (step !== "overview") {
        // Up to 8 of the phase's 12 items, fewer where the screen has no
        // room for them, and the rest counted.
        const listed = await slide.locator(".slide-list > li:visible").count();
        expect(listed).toBeGreaterThanOrEqual(1);
        await expect(slide.locator(".slide-more")).toHaveText(new RegExp(`^and ${12 - listed} more `));
      }
      const measured = await page.evaluate(() => {
        const body = document.querySelector<HTMLElement>(".slide-body")!;
        const slideBox = document.querySelector(".slide")!.getBoundingClientRect();
        const widest = Math.max(...[...body.querySelectorAll("li, h2, p")].map((e) => e.getBoundingClientRect().right));
        const controls = document.querySelector(".slide-controls")!.getBoundingClientRect();
        const item = body.querySelector(".slide-item, .slide-phase");
        return {
          widest,
          right: slideBox.right,
          controls: controls.bottom,
          scrollTop: body.scrollTop,
          itemPx: item ? parseFloat(getComputedStyle(item).fontSize) : 99,
        };
      });
      expect(measured.widest).toBeLessThanOrEqual(measured.right + 0.5);
      expect(measured.controls).toBeLessThanOrEqual(size.height);
      expect(measured.scrollTop).toBe(0);
      // Shrunk to fit, but never below 55 % of the 28 px floor.
      expect(measured.itemPx).toBeGreaterThanOrEqual(15);
    }
    await screenshot(page, `presenting-long-${size.width}x${size.height}`);
  }
});

// Audit: at 160 % text on a 720p projector the controls took three rows
// and a phase slide showed one challenge of three, the rest counted.
test("at large text on a 720p projector the slide keeps its room: compact controls, every item of a short phase", async ({
  page,
}) => {
  await page.setViewportSize({ width: 1280, height: 720 });
  await openApp(page);
  await chooseTheme(page, "projector");
  for (let i = 0; i < 6; i++) await page.getByRole("button", { name: "Larger text" }).click();
  await expect(page.locator(".text-size-value")).toHaveText("160%");
  await page.getByRole("button", { name: "Present" }).click();
  const slide = page.getByRole("region", { name: "Presentation" });
  const controls = page.getByRole("navigation", { name: "Presentation controls" });
  expect((await controls.boundingBox())!.height).toBeLessThanOrEqual(0.17 * 720);
  await expect(page.locator(".slide-body")).not.toHaveClass(/is-overfull/);
  await clickPhase(page, PHASES[1].name);
  await expect(slide.locator(".slide-list > li:visible")).toHaveCount(3);
  await expect(slide.locator(".slide-more")).toBeHidden();
  await expect(controls.getByRole("button", { name: "Exit presentation" })).toBeVisible();
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
  // The wheel's text grows with it: the chips' type by the same factor up
  // to 160 %, the hub in its larger style from 120 %.
  const chipFont = () => page.locator(".chip text").first().getAttribute("font-size");
  const hubFont = () => page.locator(".hub-regular .hub-title").getAttribute("font-size");
  await expect.poll(chipFont).toBe("20.9");
  await expect.poll(hubFont).toBe("30");
  await page.getByRole("button", { name: "Larger text" }).click();
  await expect.poll(chipFont).toBe("22.8");
  await expect.poll(hubFont).toBe("36");
  await page.getByRole("button", { name: "Larger text" }).click();
  await page.getByRole("button", { name: "Larger text" }).click();
  await expect.poll(chipFont).toBe("26.6");
  for (let i = 0; i < 3; i++) await page.getByRole("button", { name: "Larger text" }).click();
  await expect.poll(chipFont).toBe("30.4");
  for (let i = 0; i < 7; i++) await page.getByRole("button", { name: "Smaller text" }).click();
  await expect.poll(chipFont).toBe("19.0");
  await expect.poll(hubFont).toBe("30");
  await page.getByRole("button", { name: "Larger text" }).click();

  // At the largest size on a 1280×720 projector the top bar is tall, but
  // the wheel keeps a usable size (the page scrolls to it), and A+ says
  // it can go no further.
  await page.setViewportSize({ width: 1280, height: 720 });
  const larger = page.getByRole("button", { name: "Larger text" });
  for (let i = 0; i < 12 && (await larger.getAttribute("aria-disabled")) !== "true"; i++) await larger.click();
  await expect(page.locator(".text-size-value")).toHaveText("200%");
  await expect(larger).toHaveAttribute("aria-disabled", "true");
  await expect(page.getByRole("button", { name: "Smaller text" })).toHaveAttribute("aria-disabled", "false");
  const wheel = (await page.getByRole("group", { name: "Value flywheel" }).boundingBox())!;
  expect(Math.min(wheel.width, wheel.height)).toBeGreaterThanOrEqual(0.5 * 720);

  // On a 1080p screen, each step up makes the wheel's text larger on screen,
  // never smaller: the top bar stops growing at 125 %, so it does not take
  // the wheel's room. (Before, 200 % gave a 529 px top bar and chip text of
  // 14.7 px on screen, against 17.4 px at 100 %.)
  await page.setViewportSize({ width: 1920, height: 1080 });
  const smaller = page.getByRole("button", { name: "Smaller text" });
  while ((await page.locator(".text-size-value").textContent()) !== "100%") await smaller.click();
  const onScreen = () =>
    page.evaluate(() => {
      const text = document.querySelector(".chip text") as SVGTextElement;
      return {
        chipPx: parseFloat(text.getAttribute("font-size")!) * text.getScreenCTM()!.a,
        topBar: document.querySelector(".topbar")!.getBoundingClientRect().height,
      };
    });
  // Measured once the wheel has taken its new size (a resize observer
  // sets it, in the next frames).
  const settled = async () => {
    await page.evaluate(() => new Promise((done) => requestAnimationFrame(() => requestAnimationFrame(done))));
    return onScreen();
  };
  const steps = [await settled()];
  for (let percent = 110; percent <= 200; percent += 10) {
    await larger.click();
    await expect(page.locator(".text-size-value")).toHaveText(`${percent}%`);
    steps.push(await settled());
    expect(steps[steps.length - 1].chipPx).toBeGreaterThanOrEqual(steps[steps.length - 2].chipPx - 0.1);
  }
  await expect(larger).toHaveAttribute("aria-disabled", "true");
  expect(steps).toHaveLength(11);
  expect(steps[10].chipPx).toBeGreaterThan(steps[0].chipPx * 1.15);
  expect(steps[10].topBar).toBeLessThanOrEqual(steps[3].topBar + 1);
  expect(steps[10].topBar).toBeLessThan(0.2 * 1080);
});

test("a laptop or 720p projector shows the items on the wheel, in legible type; only a small wheel shows counts", async ({ page }) => {
  const wheel = () =>
    page.evaluate(() => {
      const text = document.querySelector(".chip text") as SVGTextElement;
      const box = document.querySelector(".wheel-area")!.getBoundingClientRect();
      return {
        compact: document.querySelector(".wheel-area")!.classList.contains("is-compact"),
        chipPx: parseFloat(text.getAttribute("font-size")!) * text.getScreenCTM()!.a,
        side: Math.min(box.width, box.height),
      };
    });
  // A 1280×720 screen, and a 1080p laptop at 125 % scaling less the
  // browser's own bars: the wheel is 510–580 px, where it once showed
  // only counts.
  for (const size of [{ width: 1280, height: 720 }, { width: 1536, height: 730 }, { width: 1366, height: 657 }]) {
    await page.setViewportSize(size);
    await openApp(page);
    await expect(page.locator(".wheel-area")).not.toHaveClass(/is-compact/);
    await expect(page.locator(".chip:visible").first()).toBeVisible();
    const { chipPx, side } = await wheel();
    expect(side).toBeLessThanOrEqual(600.5); // counts only, before
    expect(chipPx, `${size.width}x${size.height}`).toBeGreaterThanOrEqual(11.9);
  }
  // Smaller, the chips would be too small to read: counts instead.
  await page.setViewportSize({ width: 1000, height: 600 });
  await expect(page.locator(".wheel-area")).toHaveClass(/is-compact/);
  await expect(page.locator(".phase-count").first()).toBeVisible();
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

// Audit: selecting an item dims the other chips, and in the projector
// theme their text fell to 2.4:1 (white at 30 % on black).
test("in the projector theme the chips an item dims keep their text at 7:1", async ({ page }) => {
  await openApp(page);
  await chooseTheme(page, "projector");
  await page.locator(".phase-purpose .chip").first().click();
  const dimmed = page.locator(".chip.is-dimmed");
  await expect(dimmed.first()).toBeVisible();
  // Each text of a dimmed chip, blended over its box as painted: the
  // colour at its fill opacity over the box's colour at the box's.
  const ratios = await dimmed.evaluateAll((chips) => {
    const rgb = (css: string) => (css.match(/[\d.]+/g) ?? []).slice(0, 3).map(Number);
    const luminance = ([r, g, b]: number[]) => {
      const channel = (v: number) => {
        const c = v / 255;
        return c <= 0.04045 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
      };
      return 0.2126 * channel(r) + 0.7152 * channel(g) + 0.0722 * channel(b);
    };
    const page = rgb(getComputedStyle(document.body).backgroundColor);
    const over = (top: number[], alpha: number, under: number[]) => top.map((v, i) => v * alpha + under[i] * (1 - alpha));
    return chips.flatMap((chip) => {
      const box = getComputedStyle(chip.querySelector("rect")!);
      const behind = over(rgb(box.fill), Number(box.fillOpacity), page);
      return [...chip.querySelectorAll("tspan")].map((span) => {
        const style = getComputedStyle(span);
        const ink = over(rgb(style.fill), Number(style.fillOpacity), behind);
        const [light, dark] = [luminance(ink), luminance(behind)].sort((a, b) => b - a);
        return { text: span.textContent, ratio: (light + 0.05) / (dark + 0.05) };
      });
    });
  });
  expect(ratios.length).toBeGreaterThan(3);
  for (const { text, ratio } of ratios) expect(ratio, text ?? "").toBeGreaterThanOrEqual(7);
  // The dimming still shows, in the box's outline.
  const outline = await dimmed.first().locator("rect").evaluate((rect) => Number(getComputedStyle(rect).strokeOpacity));
  expect(outline).toBeLessThan(0.5);
});

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
      if (size.width < size.height) {
        // On a phone the Wheel/Outline switch sits above the wheel, not on its rim.
        const viewSwitch = (await page.getByRole("group", { name: "View" }).boundingBox())!;
        expect(viewSwitch.y + viewSwitch.height).toBeLessThanOrEqual(wheel.y + 1);
      }
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
