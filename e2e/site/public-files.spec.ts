import { expect, test } from "@playwright/test";

// What a deployed app serves from public/: robots.txt keeps the private pages out of indexes,
// the manifest and its icons make it installable, and a shared link gets the Open Graph image.

test("robots.txt, the web app manifest, its icons and the Open Graph image are served and linked", async ({ page, request }) => {
  const robots = await request.get("/robots.txt");
  expect(robots.status()).toBe(200);
  const rules = await robots.text();
  expect(rules).toContain("User-agent: *");
  expect(rules).toContain("Disallow: /\n");
  expect(rules).toContain("Allow: /sign-in");

  const manifestResponse = await request.get("/manifest.webmanifest");
  expect(manifestResponse.status()).toBe(200);
  const manifest = (await manifestResponse.json()) as { name: string; start_url: string; icons: { src: string; sizes: string }[] };
  expect(manifest).toMatchObject({ name: "Hookflow", start_url: "/executions" });
  expect(manifest.icons.map((i) => i.sizes)).toEqual(["192x192", "512x512"]);

  await page.goto("/sign-in");
  const manifestHref = await page.locator('link[rel="manifest"]').getAttribute("href");
  expect(manifestHref).toBe("/manifest.webmanifest");
  const ogImage = await page.locator('meta[property="og:image"]').getAttribute("content");
  expect(ogImage).toMatch(/\/og\.png$/);

  for (const src of [...manifest.icons.map((i) => i.src), new URL(ogImage!, page.url()).pathname]) {
    const image = await request.get(src);
    expect(image.status(), src).toBe(200);
    expect(image.headers()["content-type"], src).toBe("image/png");
    // The PNG signature, so an HTML error page served as the image would fail.
    expect([...(await image.body()).subarray(0, 4)], src).toEqual([0x89, 0x50, 0x4e, 0x47]);
  }
});
