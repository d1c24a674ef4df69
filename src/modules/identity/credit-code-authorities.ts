/**
 * GB 32100-2015 registration authority and entity category codes, as data (checked with zod where
 * it is read). A TypeScript module rather than JSON so every loader (Next, vitest, Playwright's
 * ESM loader, tsx) reads it the same way.
 */
export const creditCodeAuthorityData = {
  _source:
    "GB 32100-2015 法人和其他组织统一社会信用代码编码规则 (Coding rule of the unified social credit identifier for legal entities and other organizations), Annex A: registration authority codes (position 1) and entity category codes (position 2), as extended for market supervision (9), the CMC reform and staffing office (A) and rural collective economic organisations (N). English names are descriptive translations, not official ones.",
  "1": {
    nameZh: "机构编制",
    nameEn: "Institutional staffing",
    categories: {
      "1": { nameZh: "机关", nameEn: "Government body" },
      "2": { nameZh: "事业单位", nameEn: "Public institution" },
      "3": { nameZh: "中央编办直接管理机构编制的群众团体", nameEn: "Mass organisation staffed directly by the central staffing office" },
      "9": { nameZh: "其他", nameEn: "Other" },
    },
  },
  "2": {
    nameZh: "外交",
    nameEn: "Foreign affairs",
    categories: { "1": { nameZh: "外国常驻新闻机构", nameEn: "Resident foreign news agency" }, "9": { nameZh: "其他", nameEn: "Other" } },
  },
  "3": {
    nameZh: "司法行政",
    nameEn: "Judicial administration",
    categories: {
      "1": { nameZh: "律师执业机构", nameEn: "Law firm" },
      "2": { nameZh: "公证处", nameEn: "Notary office" },
      "3": { nameZh: "基层法律服务所", nameEn: "Grassroots legal service office" },
      "4": { nameZh: "司法鉴定机构", nameEn: "Forensic appraisal institution" },
      "5": { nameZh: "仲裁委员会", nameEn: "Arbitration commission" },
      "9": { nameZh: "其他", nameEn: "Other" },
    },
  },
  "4": {
    nameZh: "文化",
    nameEn: "Culture",
    categories: { "1": { nameZh: "外国在华文化中心", nameEn: "Foreign cultural centre in China" }, "9": { nameZh: "其他", nameEn: "Other" } },
  },
  "5": {
    nameZh: "民政",
    nameEn: "Civil affairs",
    categories: {
      "1": { nameZh: "社会团体", nameEn: "Social organisation" },
      "2": { nameZh: "民办非企业单位", nameEn: "Private non-enterprise unit" },
      "3": { nameZh: "基金会", nameEn: "Foundation" },
      "9": { nameZh: "其他", nameEn: "Other" },
    },
  },
  "6": {
    nameZh: "旅游",
    nameEn: "Tourism",
    categories: {
      "1": { nameZh: "外国旅游部门常驻代表机构", nameEn: "Resident representative office of a foreign tourism authority" },
      "2": {
        nameZh: "港澳台地区旅游部门常驻内地（大陆）代表机构",
        nameEn: "Resident mainland representative office of a Hong Kong, Macao or Taiwan tourism authority",
      },
      "9": { nameZh: "其他", nameEn: "Other" },
    },
  },
  "7": {
    nameZh: "宗教",
    nameEn: "Religious affairs",
    categories: {
      "1": { nameZh: "宗教活动场所", nameEn: "Place of religious activity" },
      "2": { nameZh: "宗教院校", nameEn: "Religious school" },
      "9": { nameZh: "其他", nameEn: "Other" },
    },
  },
  "8": {
    nameZh: "工会",
    nameEn: "Trade union",
    categories: { "1": { nameZh: "基层工会", nameEn: "Grassroots trade union" }, "9": { nameZh: "其他", nameEn: "Other" } },
  },
  "9": {
    nameZh: "工商（市场监管）",
    nameEn: "Market regulation",
    categories: {
      "1": { nameZh: "企业", nameEn: "Enterprise" },
      "2": { nameZh: "个体工商户", nameEn: "Individual business" },
      "3": { nameZh: "农民专业合作社", nameEn: "Farmers' specialised cooperative" },
    },
  },
  A: {
    nameZh: "中央军委改革和编制办公室",
    nameEn: "Reform and Staffing Office of the Central Military Commission",
    categories: { "1": { nameZh: "军队事业单位", nameEn: "Military public institution" }, "9": { nameZh: "其他", nameEn: "Other" } },
  },
  N: {
    nameZh: "农业",
    nameEn: "Agriculture",
    categories: {
      "1": { nameZh: "组级集体经济组织", nameEn: "Group-level collective economic organisation" },
      "2": { nameZh: "村级集体经济组织", nameEn: "Village-level collective economic organisation" },
      "3": { nameZh: "乡镇级集体经济组织", nameEn: "Township-level collective economic organisation" },
      "9": { nameZh: "其他", nameEn: "Other" },
    },
  },
  Y: { nameZh: "其他", nameEn: "Other", categories: { "1": { nameZh: "其他", nameEn: "Other" } } },
} as const;
