import { z } from "zod";
import type { GuideList } from "./views";

/**
 * Finding a service (事项检索): a keyword, who applies (个人办事 / 法人办事), the department and
 * the theme. A theme is a "一件事" bundle: the bundle itself and every service it takes. Pure: the
 * guides page and the home page filter the published list with it.
 */
export const ZGuideFilter = z.object({
  q: z
    .string()
    .trim()
    .max(40, { message: "catalog.search.errors.tooLong" })
    .regex(/^[^<>{}\\]*$/u, { message: "catalog.search.errors.characters" })
    .optional(),
  for: z.enum(["citizen", "enterprise"], { message: "catalog.search.errors.kind" }).optional(),
  department: z
    .string()
    .max(64)
    .regex(/^[A-Za-z][A-Za-z0-9-]*$/, { message: "catalog.search.errors.department" })
    .optional(),
  theme: z
    .string()
    .max(64)
    .regex(/^[A-Za-z][A-Za-z0-9-]*$/, { message: "catalog.search.errors.theme" })
    .optional(),
});
export type GuideFilter = z.infer<typeof ZGuideFilter>;

/** The filter from a page's query string: blank fields are absent; a repeated field counts once. */
export type GuideFilterError = "tooLong" | "characters" | "kind" | "department" | "theme";

export function parseGuideFilter(params: Record<string, string | string[] | undefined>): { filter: GuideFilter; error: GuideFilterError | null } {
  const first = (v: string | string[] | undefined) => {
    const s = Array.isArray(v) ? v[0] : v;
    return s === undefined || s.trim() === "" ? undefined : s;
  };
  const parsed = ZGuideFilter.safeParse({ q: first(params.q), for: first(params.for), department: first(params.department), theme: first(params.theme) });
  if (parsed.success) return { filter: parsed.data, error: null };
  const message = parsed.error.issues[0]?.message ?? "";
  return { filter: {}, error: (message.replace("catalog.search.errors.", "") || "kind") as GuideFilterError };
}

export function isFiltered(filter: GuideFilter): boolean {
  return Boolean(filter.q || filter.for || filter.department || filter.theme);
}

/** Case- and width-insensitive, spaces ignored: "食品 经营" finds 食品经营许可. */
function normalise(s: string): string {
  return s.normalize("NFKC").toLowerCase().replace(/\s+/gu, "");
}

function matches(q: string | undefined, texts: readonly string[]): boolean {
  if (!q) return true;
  const needle = normalise(q);
  return needle === "" || texts.some((t) => normalise(t).includes(needle));
}

export function filterGuides(list: GuideList, filter: GuideFilter): GuideList {
  const theme = filter.theme ? list.bundles.find((b) => b.code === filter.theme) : undefined;
  const themeServices = new Set(theme?.serviceCodes ?? []);
  const bundles = list.bundles.filter(
    (b) =>
      (!filter.for || b.applicantKinds.includes(filter.for)) &&
      (!filter.department || b.leadDepartment.code === filter.department || b.departments.some((d) => d.code === filter.department)) &&
      (!filter.theme || b.code === filter.theme) &&
      matches(filter.q, [b.code, b.nameZh, b.nameEn, b.descriptionZh, b.descriptionEn, ...b.departments.flatMap((d) => [d.nameZh, d.nameEn])]),
  );
  const services = list.services.filter(
    (s) =>
      (!filter.for || s.applicantKinds.includes(filter.for)) &&
      (!filter.department || s.department.code === filter.department) &&
      (!filter.theme || themeServices.has(s.code)) &&
      matches(filter.q, [s.code, s.nameZh, s.nameEn, s.department.nameZh, s.department.nameEn]),
  );
  return { bundles, services };
}
