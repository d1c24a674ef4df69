// The demo province's data-sharing catalog (政务数据资源目录). Data only; `seed.ts` writes it.
// Every certificate type of the registry is a resource of its issuing department; a few further
// resources show the other share types. Grants follow the service catalog: a department whose
// service asks for a certificate another department issues may read it for that service.
import { certificateTypeDefs, type DepartmentCode } from "../catalog/seed-data";

export type ShareType = "unconditional" | "conditional" | "notShared";
export type OpenType = "open" | "conditionalOpen" | "notOpen";
export type UpdateFrequency = "realtime" | "daily" | "weekly" | "monthly" | "quarterly" | "yearly";

export interface ResourceDef {
  code: string;
  nameZh: string;
  nameEn: string;
  provider: DepartmentCode;
  fields: string[];
  shareType: ShareType;
  openType: OpenType;
  updateFrequency: UpdateFrequency;
  legalBasis: string;
  certificateType: string | null;
  /** Days since the last update at seed time (to show an overdue provider); 0 when fresh. */
  lastUpdatedDaysAgo: number;
}

// Personal certificates are shared only on approved request and never opened.
const personal = new Set(["residentIdCard", "birthMedicalCertificate", "householdRegistration", "medicalInsuranceEnrolment", "socialSecurityCard"]);

const certificateLaw: Record<string, string> = {
  businessLicence: "《企业信息公示暂行条例》第六条；《国务院关于加快推进政务服务“跨省通办”的指导意见》",
  residentIdCard: "《中华人民共和国居民身份证法》第六条、第十三条",
  birthMedicalCertificate: "《中华人民共和国母婴保健法》第二十三条",
  householdRegistration: "《中华人民共和国户口登记条例》第七条",
};

const defaultLaw = "《政务信息资源共享管理暂行办法》（国发〔2016〕51号）第五条";

export const resourceDefs: ResourceDef[] = [
  ...certificateTypeDefs.map((t) => ({
    code: `certificate.${t.code}`,
    nameZh: `${t.nameZh}信息`,
    nameEn: `${t.nameEn} records`,
    provider: t.issuer,
    fields: t.fields,
    shareType: personal.has(t.code) ? ("conditional" as const) : ("unconditional" as const),
    openType: personal.has(t.code) ? ("notOpen" as const) : t.code === "businessLicence" ? ("open" as const) : ("conditionalOpen" as const),
    updateFrequency: "realtime" as const,
    legalBasis: certificateLaw[t.code] ?? defaultLaw,
    certificateType: t.code,
    lastUpdatedDaysAgo: 0,
  })),
  {
    // The population register (人口库): registration checks a name and ID number against it.
    code: "populationRegister",
    nameZh: "人口基础信息",
    nameEn: "Population register",
    provider: "publicSecurity",
    fields: ["idNumber", "name", "sex", "birthDate", "householdDivisionCode"],
    shareType: "conditional",
    openType: "notOpen",
    updateFrequency: "realtime",
    legalBasis: "《中华人民共和国户口登记条例》第三条；《中华人民共和国居民身份证法》第六条",
    certificateType: null,
    lastUpdatedDaysAgo: 0,
  },
  {
    code: "enterpriseAnnualReports",
    nameZh: "企业年度报告信息",
    nameEn: "Enterprise annual reports",
    provider: "market",
    fields: ["creditCode", "year", "employeeCount", "operatingStatus"],
    shareType: "unconditional",
    openType: "open",
    updateFrequency: "yearly",
    legalBasis: "《企业信息公示暂行条例》第八条",
    certificateType: null,
    lastUpdatedDaysAgo: 40,
  },
  {
    code: "socialInsurancePayments",
    nameZh: "单位社会保险缴费信息",
    nameEn: "Employer social insurance contributions",
    provider: "humanResources",
    fields: ["creditCode", "month", "insuredCount", "arrears"],
    shareType: "conditional",
    openType: "notOpen",
    updateFrequency: "monthly",
    legalBasis: "《中华人民共和国社会保险法》第七十四条",
    certificateType: null,
    lastUpdatedDaysAgo: 12,
  },
  {
    code: "taxCreditRatings",
    nameZh: "纳税信用等级信息",
    nameEn: "Tax credit ratings",
    provider: "tax",
    fields: ["creditCode", "year", "rating"],
    shareType: "conditional",
    openType: "conditionalOpen",
    updateFrequency: "yearly",
    legalBasis: "《纳税信用管理办法（试行）》第三十条",
    certificateType: null,
    // Missed its yearly update: shown overdue to the data office.
    lastUpdatedDaysAgo: 420,
  },
  {
    code: "inpatientRecords",
    nameZh: "住院病历信息",
    nameEn: "Inpatient medical records",
    provider: "health",
    fields: ["idNumber", "admittedOn", "diagnosis"],
    shareType: "notShared",
    openType: "notOpen",
    updateFrequency: "realtime",
    legalBasis: "《医疗机构病历管理规定》第六条（不予共享）",
    certificateType: null,
    lastUpdatedDaysAgo: 0,
  },
];

/** A grant request left pending at seed, so the provider's approval page has work to show. */
export const pendingGrantDefs = [
  {
    resource: "socialInsurancePayments",
    consumer: "housingFund" as DepartmentCode,
    services: ["employerHousingFund"],
    purpose: "《住房公积金管理条例》第十五条：核对单位在职职工人数以办理缴存登记",
  },
];
