import { readFileSync } from "node:fs";
import path from "node:path";
import { expect, type Page } from "@playwright/test";
import { buildCreditCode } from "../src/modules/identity/credit-code";
import { computeIdNumberCheck } from "../src/modules/identity/id-number";

export const demoPassword = "Tongban2026";

const charset = "0123456789ABCDEFGHJKLMNPQRTUWXY";
function randomChars(n: number, from = charset): string {
  return Array.from({ length: n }, () => from[Math.floor(Math.random() * from.length)]).join("");
}

/** A made-up credit code that passes every check, new for each journey. */
export function freshCreditCode(): string {
  return buildCreditCode({ authority: "9", category: "1", divisionCode: "130104", organisationBody: `E2${randomChars(6)}` });
}

/** A made-up ID number that passes every check. */
export function freshIdNumber(): string {
  const first17 = `130104${1960 + Math.floor(Math.random() * 40)}0${1 + Math.floor(Math.random() * 9)}1${Math.floor(Math.random() * 9)}${randomChars(3, "0123456789")}`;
  return first17 + computeIdNumberCheck(first17);
}

export async function signIn(page: Page, login: string, password = demoPassword): Promise<void> {
  await page.goto("/sign-in");
  await page.getByLabel("账号", { exact: true }).fill(login);
  await page.getByLabel("密码", { exact: true }).fill(password);
  await page.getByRole("button", { name: "登录", exact: true }).click();
}

/** Runs axe-core in the page and fails on serious or critical violations. */
export async function expectNoSeriousAxeViolations(page: Page): Promise<void> {
  const source = readFileSync(path.join(process.cwd(), "node_modules/axe-core/axe.min.js"), "utf8");
  await page.addScriptTag({ content: source });
  const violations = await page.evaluate(async () => {
    const axe = (window as unknown as { axe: { run: (ctx: Document, opts: unknown) => Promise<{ violations: Array<{ id: string; impact: string; nodes: Array<{ target: string[] }> }> }> } }).axe;
    const result = await axe.run(document, { resultTypes: ["violations"] });
    return result.violations.map((v) => ({ id: v.id, impact: v.impact, targets: v.nodes.map((n) => n.target.join(" ")) }));
  });
  expect(violations.filter((v) => v.impact === "serious" || v.impact === "critical")).toEqual([]);
}


/** Demo department names (zh) → the demo reviewer who works there. */
export const reviewerByDepartment: Record<string, string> = {
  河北省市场监督管理局: "reviewer.market",
  河北省公安厅: "reviewer.publicSecurity",
  国家税务总局河北省税务局: "reviewer.tax",
  河北省人力资源和社会保障厅: "reviewer.humanResources",
  河北省住房资金管理中心: "reviewer.housingFund",
  河北省自然资源厅: "reviewer.naturalResources",
  河北省住房和城乡建设厅: "reviewer.housing",
  河北省生态环境厅: "reviewer.ecology",
  河北省卫生健康委员会: "reviewer.health",
  河北省消防救援总队: "reviewer.fire",
};

/** A minimal PDF: enough for the server's content sniffing. */
export const tinyPdf = { name: "材料.pdf", mimeType: "application/pdf", buffer: Buffer.from("%PDF-1.4\n% Tongban e2e\n") };
