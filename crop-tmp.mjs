import { chromium } from "@playwright/test";
import { readFileSync } from "node:fs";
const [,, file, y, h, out, w = "1280"] = process.argv;
const b = await chromium.launch({ executablePath: "/usr/bin/chromium", args: ["--no-sandbox", "--headless"] });
const p = await b.newPage({ viewport: { width: Number(w), height: 800 } });
await p.setContent(`<body style="margin:0"><img id=i src="data:image/png;base64,${readFileSync(file).toString("base64")}"></body>`, { waitUntil: "domcontentloaded" });
await p.waitForFunction(() => document.getElementById("i").complete);
await p.screenshot({ path: out, clip: { x: 0, y: Number(y), width: Number(w), height: Number(h) }, fullPage: true });
await b.close();
