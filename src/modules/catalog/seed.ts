import { eq } from "drizzle-orm";
import type { Db } from "@/server/db/client";
import { departments } from "../identity/schema";
import { validateBundleGraph, validateTimeLimits } from "./model";
import { bundleSteps, bundles, certificateTypes, materials, services } from "./schema";

type Kind = "enterprise" | "citizen";
type Source = "formField" | "upload" | "certificate";

interface MaterialSeed {
  key: string;
  zh: string;
  en: string;
  basis: string;
  source: Source;
  fieldType?: "text" | "textarea" | "number" | "date" | "select";
  options?: Array<{ value: string; labelZh: string; labelEn: string }>;
  certificateType?: string;
  required?: boolean;
  conditionZh?: string;
  conditionEn?: string;
}

interface ServiceSeed {
  code: string;
  zh: string;
  en: string;
  department: string;
  basis: string;
  conditionsZh: string;
  conditionsEn: string;
  statutoryDays: number;
  promisedDays: number;
  feeFen?: number;
  issues?: string;
  kinds: Kind[];
  autoAcceptance?: boolean;
  materials: MaterialSeed[];
}

const certificateTypeSeeds: Array<{ code: string; zh: string; en: string; department: string; fields: string[]; validityYears: number | null }> = [
  { code: "businessLicence", zh: "营业执照", en: "Business licence", department: "market", fields: ["name", "creditCode", "legalRepresentative", "entityType", "address", "scope"], validityYears: null },
  { code: "residentIdCard", zh: "居民身份证", en: "Resident ID card", department: "publicSecurity", fields: ["name", "idNumber"], validityYears: 20 },
  { code: "sealRecord", zh: "印章备案证明", en: "Seal record", department: "publicSecurity", fields: ["name", "creditCode"], validityYears: null },
  { code: "taxRegistration", zh: "税务登记信息确认", en: "Tax registration", department: "tax", fields: ["name", "creditCode"], validityYears: null },
  { code: "socialInsuranceRegistration", zh: "社会保险登记证明", en: "Social insurance registration", department: "humanResources", fields: ["name", "creditCode"], validityYears: null },
  { code: "housingFundAccount", zh: "住房公积金单位登记证明", en: "Housing provident fund account", department: "housingFund", fields: ["name", "creditCode"], validityYears: null },
  { code: "foodBusinessLicence", zh: "食品经营许可证", en: "Food business licence", department: "market", fields: ["name", "address", "category"], validityYears: 5 },
  { code: "fireSafetyInspection", zh: "公众聚集场所投入使用、营业前消防安全检查合格证", en: "Fire safety inspection certificate", department: "fire", fields: ["name", "address"], validityYears: null },
  { code: "drainagePermit", zh: "城镇污水排入排水管网许可证", en: "Drainage permit", department: "housing", fields: ["name", "address"], validityYears: 5 },
  { code: "outdoorSignboardPermit", zh: "户外招牌设置许可", en: "Outdoor signboard permit", department: "housing", fields: ["name", "address"], validityYears: 3 },
  { code: "landUsePlanningPermit", zh: "建设用地规划许可证", en: "Land-use planning permit", department: "naturalResources", fields: ["project", "site"], validityYears: null },
  { code: "environmentalImpactApproval", zh: "环境影响评价审批意见", en: "Environmental impact approval", department: "ecology", fields: ["project"], validityYears: 5 },
  { code: "engineeringPlanningPermit", zh: "建设工程规划许可证", en: "Engineering planning permit", department: "naturalResources", fields: ["project", "site"], validityYears: null },
  { code: "constructionPermit", zh: "建筑工程施工许可证", en: "Construction permit", department: "housing", fields: ["project", "site"], validityYears: null },
  { code: "fireDesignApproval", zh: "特殊建设工程消防设计审查意见", en: "Fire design approval", department: "fire", fields: ["project"], validityYears: null },
  { code: "completionAcceptanceRecord", zh: "竣工验收备案证明", en: "Completion acceptance record", department: "housing", fields: ["project"], validityYears: null },
  { code: "fireAcceptance", zh: "特殊建设工程消防验收意见", en: "Fire acceptance", department: "fire", fields: ["project"], validityYears: null },
  { code: "birthMedicalCertificate", zh: "出生医学证明", en: "Birth medical certificate", department: "health", fields: ["childName", "birthDate"], validityYears: null },
  { code: "householdRegistration", zh: "户口登记", en: "Household registration", department: "publicSecurity", fields: ["childName"], validityYears: null },
  { code: "medicalInsuranceEnrolment", zh: "城乡居民医疗保险参保登记", en: "Medical insurance enrolment", department: "humanResources", fields: ["childName"], validityYears: null },
  { code: "socialSecurityCard", zh: "社会保障卡", en: "Social security card", department: "humanResources", fields: ["childName"], validityYears: 10 },
];

const m = {
  businessLicence: { key: "businessLicence", zh: "营业执照", en: "Business licence", basis: "《中华人民共和国市场主体登记管理条例》第二十一条", source: "certificate", certificateType: "businessLicence" } as MaterialSeed,
  idCard: { key: "residentIdCard", zh: "申请人居民身份证", en: "Applicant's resident ID card", basis: "《中华人民共和国居民身份证法》第十四条", source: "certificate", certificateType: "residentIdCard" } as MaterialSeed,
  premisesAddress: { key: "premisesAddress", zh: "经营场所地址", en: "Address of the premises", basis: "《中华人民共和国市场主体登记管理条例》第八条", source: "formField", fieldType: "text" } as MaterialSeed,
  premisesArea: { key: "premisesArea", zh: "经营场所面积（平方米）", en: "Floor area of the premises (m²)", basis: "《食品经营许可和备案管理办法》第十二条", source: "formField", fieldType: "number" } as MaterialSeed,
  projectName: { key: "projectName", zh: "建设项目名称", en: "Project name", basis: "《中华人民共和国城乡规划法》第三十七条", source: "formField", fieldType: "text" } as MaterialSeed,
  projectSite: { key: "projectSite", zh: "建设项目地址", en: "Project site", basis: "《中华人民共和国城乡规划法》第三十七条", source: "formField", fieldType: "text" } as MaterialSeed,
  childName: { key: "childName", zh: "新生儿姓名", en: "Newborn's name", basis: "《中华人民共和国户口登记条例》第七条", source: "formField", fieldType: "text" } as MaterialSeed,
  birthDate: { key: "birthDate", zh: "出生日期", en: "Date of birth", basis: "《中华人民共和国母婴保健法》第二十三条", source: "formField", fieldType: "date" } as MaterialSeed,
};

const serviceSeeds: ServiceSeed[] = [
  // start a business
  {
    code: "enterpriseRegistration", zh: "企业设立登记", en: "Enterprise registration", department: "market",
    basis: "《中华人民共和国市场主体登记管理条例》第三条、第二十一条",
    conditionsZh: "名称已自主申报；有符合规定的住所、章程和法定代表人。", conditionsEn: "A declared name; a registered address, articles of association and a legal representative as required.",
    statutoryDays: 3, promisedDays: 1, issues: "businessLicence", kinds: ["citizen", "enterprise"],
    materials: [
      { key: "enterpriseName", zh: "企业名称", en: "Enterprise name", basis: "《企业名称登记管理规定》第六条", source: "formField", fieldType: "text" },
      { key: "entityType", zh: "企业类型", en: "Entity type", basis: "《中华人民共和国市场主体登记管理条例》第八条", source: "formField", fieldType: "select",
        options: [ { value: "llc", labelZh: "有限责任公司", labelEn: "Limited liability company" }, { value: "soleProprietorship", labelZh: "个人独资企业", labelEn: "Sole proprietorship" }, { value: "partnership", labelZh: "合伙企业", labelEn: "Partnership" } ] },
      { key: "registeredCapital", zh: "注册资本（万元）", en: "Registered capital (10,000 yuan)", basis: "《中华人民共和国公司法》第四十七条", source: "formField", fieldType: "number" },
      { key: "businessAddress", zh: "住所", en: "Registered address", basis: "《中华人民共和国市场主体登记管理条例》第八条", source: "formField", fieldType: "text" },
      { key: "businessScope", zh: "经营范围", en: "Business scope", basis: "《中华人民共和国市场主体登记管理条例》第八条", source: "formField", fieldType: "textarea" },
      { ...m.idCard, zh: "法定代表人居民身份证", en: "Legal representative's resident ID card" },
      { key: "articlesOfAssociation", zh: "公司章程", en: "Articles of association", basis: "《中华人民共和国市场主体登记管理条例》第十六条", source: "upload" },
    ],
  },
  {
    code: "sealEngraving", zh: "公章刻制备案", en: "Seal engraving record", department: "publicSecurity", basis: "《印铸刻字业暨印章刻制管理规定》（国务院令第 412 号附件第 37 项）",
    conditionsZh: "已取得营业执照。", conditionsEn: "Holds a business licence.", statutoryDays: 3, promisedDays: 1, issues: "sealRecord", kinds: ["citizen", "enterprise"], autoAcceptance: false,
    materials: [ { key: "sealCount", zh: "刻制印章数量", en: "Number of seals", basis: "《国务院对确需保留的行政审批项目设定行政许可的决定》第 37 项", source: "formField", fieldType: "number" } ],
  },
  {
    code: "taxRegistration", zh: "税务登记信息确认及发票申领", en: "Tax registration and invoices", department: "tax", basis: "《中华人民共和国税收征收管理法》第十五条；《中华人民共和国发票管理办法》第十五条",
    conditionsZh: "已取得营业执照。", conditionsEn: "Holds a business licence.", statutoryDays: 5, promisedDays: 1, issues: "taxRegistration", kinds: ["citizen", "enterprise"],
    materials: [ { key: "invoiceNeeds", zh: "首次申领发票数量（份）", en: "Invoices requested at first (count)", basis: "《中华人民共和国发票管理办法》第十五条", source: "formField", fieldType: "number", required: false, conditionZh: "需要开具发票时填写", conditionEn: "When invoices are needed" } ],
  },
  {
    code: "socialInsuranceRegistration", zh: "单位社会保险登记", en: "Employer social insurance registration", department: "humanResources", basis: "《中华人民共和国社会保险法》第五十七条、第五十八条",
    conditionsZh: "已取得营业执照。", conditionsEn: "Holds a business licence.", statutoryDays: 15, promisedDays: 1, issues: "socialInsuranceRegistration", kinds: ["citizen", "enterprise"],
    materials: [ { key: "employeeCount", zh: "参保职工人数", en: "Employees to enrol", basis: "《中华人民共和国社会保险法》第五十八条", source: "formField", fieldType: "number" } ],
  },
  {
    code: "housingFundAccount", zh: "住房公积金单位缴存登记", en: "Housing provident fund account", department: "housingFund", basis: "《住房公积金管理条例》第十四条、第十五条",
    conditionsZh: "已取得营业执照。", conditionsEn: "Holds a business licence.", statutoryDays: 20, promisedDays: 1, issues: "housingFundAccount", kinds: ["citizen", "enterprise"],
    materials: [ { key: "employeeCount", zh: "参保职工人数", en: "Employees to enrol", basis: "《住房公积金管理条例》第十五条", source: "formField", fieldType: "number" } ],
  },
  // open a restaurant
  {
    code: "foodBusinessLicence", zh: "食品经营许可", en: "Food business licence", department: "market", basis: "《中华人民共和国食品安全法》第三十五条",
    conditionsZh: "有与经营的食品品种、数量相适应的经营场所和设施，有食品安全管理人员和规章制度。", conditionsEn: "Premises and equipment fit for the food handled; food safety staff and rules.",
    statutoryDays: 20, promisedDays: 5, issues: "foodBusinessLicence", kinds: ["enterprise"],
    materials: [ m.businessLicence, m.premisesAddress, m.premisesArea,
      { key: "premisesFloorPlan", zh: "经营场所平面布局图", en: "Floor plan of the premises", basis: "《食品经营许可和备案管理办法》第十二条", source: "upload" },
      { key: "foodSafetyRules", zh: "食品安全管理制度", en: "Food safety rules", basis: "《食品经营许可和备案管理办法》第十二条", source: "upload", required: false, conditionZh: "经营场所超过 150 平方米时提供", conditionEn: "For premises over 150 m²" } ],
  },
  {
    code: "fireSafetyInspection", zh: "公众聚集场所投入使用、营业前消防安全检查", en: "Fire safety inspection before opening", department: "fire", basis: "《中华人民共和国消防法》第十五条",
    conditionsZh: "场所符合消防技术标准和管理规定。", conditionsEn: "The premises meet fire safety standards.", statutoryDays: 10, promisedDays: 5, issues: "fireSafetyInspection", kinds: ["enterprise"],
    materials: [ m.businessLicence, m.premisesAddress, { key: "fireSafetyPlan", zh: "消防安全制度和应急疏散预案", en: "Fire safety rules and evacuation plan", basis: "《中华人民共和国消防法》第十六条", source: "upload" } ],
  },
  {
    code: "drainagePermit", zh: "城镇污水排入排水管网许可", en: "Permit to discharge into the sewer", department: "housing", basis: "《城镇排水与污水处理条例》第二十一条",
    conditionsZh: "排水设施符合国家和地方标准。", conditionsEn: "Drainage works meet national and local standards.", statutoryDays: 20, promisedDays: 5, issues: "drainagePermit", kinds: ["enterprise"],
    materials: [ m.businessLicence, m.premisesAddress, { key: "drainageDesign", zh: "排水设施示意图", en: "Drainage works diagram", basis: "《城镇污水排入排水管网许可管理办法》第七条", source: "upload" } ],
  },
  {
    code: "outdoorSignboard", zh: "户外招牌设置许可", en: "Outdoor signboard permit", department: "housing", basis: "《城市市容和环境卫生管理条例》第十一条",
    conditionsZh: "招牌位置、尺寸符合户外招牌设置规划。", conditionsEn: "Position and size fit the signboard plan.", statutoryDays: 20, promisedDays: 3, issues: "outdoorSignboardPermit", kinds: ["enterprise"],
    materials: [ m.businessLicence, m.premisesAddress, { key: "signboardDesign", zh: "招牌设计效果图", en: "Signboard design", basis: "《城市市容和环境卫生管理条例》第十一条", source: "upload" } ],
  },
  // construction project
  {
    code: "landUsePlanningPermit", zh: "建设用地规划许可", en: "Land-use planning permit", department: "naturalResources", basis: "《中华人民共和国城乡规划法》第三十七条、第三十八条",
    conditionsZh: "项目符合国土空间规划。", conditionsEn: "The project fits the spatial plan.", statutoryDays: 20, promisedDays: 7, issues: "landUsePlanningPermit", kinds: ["enterprise"],
    materials: [ m.businessLicence, m.projectName, m.projectSite, { key: "sitePlan", zh: "建设项目用地范围图", en: "Site boundary plan", basis: "《中华人民共和国城乡规划法》第三十七条", source: "upload" } ],
  },
  {
    code: "environmentalImpactApproval", zh: "建设项目环境影响报告表审批", en: "Environmental impact approval", department: "ecology", basis: "《中华人民共和国环境影响评价法》第二十二条",
    conditionsZh: "按规定编制环境影响报告表。", conditionsEn: "An environmental impact report as required.", statutoryDays: 30, promisedDays: 10, issues: "environmentalImpactApproval", kinds: ["enterprise"],
    materials: [ m.businessLicence, m.projectName, { key: "environmentalReport", zh: "环境影响报告表", en: "Environmental impact report", basis: "《中华人民共和国环境影响评价法》第十六条", source: "upload" } ],
  },
  {
    code: "engineeringPlanningPermit", zh: "建设工程规划许可", en: "Engineering planning permit", department: "naturalResources", basis: "《中华人民共和国城乡规划法》第四十条",
    conditionsZh: "已取得建设用地规划许可。", conditionsEn: "Holds the land-use planning permit.", statutoryDays: 20, promisedDays: 7, issues: "engineeringPlanningPermit", kinds: ["enterprise"],
    materials: [ m.businessLicence, m.projectName, m.projectSite, { key: "designScheme", zh: "建设工程设计方案", en: "Design scheme", basis: "《中华人民共和国城乡规划法》第四十条", source: "upload" } ],
  },
  {
    code: "constructionPermit", zh: "建筑工程施工许可", en: "Construction permit", department: "housing", basis: "《中华人民共和国建筑法》第七条、第八条",
    conditionsZh: "已取得规划许可，施工图审查合格，已确定施工企业。", conditionsEn: "Planning permits held, drawings checked, contractor chosen.", statutoryDays: 7, promisedDays: 3, issues: "constructionPermit", kinds: ["enterprise"],
    materials: [ m.businessLicence, m.projectName, { key: "constructionContract", zh: "施工合同", en: "Construction contract", basis: "《建筑工程施工许可管理办法》第四条", source: "upload" } ],
  },
  {
    code: "fireDesignReview", zh: "特殊建设工程消防设计审查", en: "Fire design review", department: "fire", basis: "《中华人民共和国消防法》第十一条",
    conditionsZh: "消防设计文件符合国家工程建设消防技术标准。", conditionsEn: "Fire design documents meet the technical standards.", statutoryDays: 15, promisedDays: 7, issues: "fireDesignApproval", kinds: ["enterprise"],
    materials: [ m.businessLicence, m.projectName, { key: "fireDesignDocuments", zh: "消防设计文件", en: "Fire design documents", basis: "《建设工程消防设计审查验收管理暂行规定》第十六条", source: "upload" } ],
  },
  {
    code: "completionAcceptance", zh: "房屋建筑工程竣工验收备案", en: "Completion acceptance record", department: "housing", basis: "《建设工程质量管理条例》第四十九条",
    conditionsZh: "工程已竣工验收合格。", conditionsEn: "The works passed completion acceptance.", statutoryDays: 15, promisedDays: 5, issues: "completionAcceptanceRecord", kinds: ["enterprise"],
    materials: [ m.businessLicence, m.projectName, { key: "acceptanceReport", zh: "工程竣工验收报告", en: "Completion acceptance report", basis: "《建设工程质量管理条例》第四十九条", source: "upload" } ],
  },
  {
    code: "fireAcceptance", zh: "特殊建设工程消防验收", en: "Fire acceptance", department: "fire", basis: "《中华人民共和国消防法》第十三条",
    conditionsZh: "工程按审查合格的消防设计施工完毕。", conditionsEn: "Built to the approved fire design.", statutoryDays: 15, promisedDays: 7, issues: "fireAcceptance", kinds: ["enterprise"],
    materials: [ m.businessLicence, m.projectName, { key: "fireTestReport", zh: "消防设施检测报告", en: "Fire equipment test report", basis: "《建设工程消防设计审查验收管理暂行规定》第二十八条", source: "upload" } ],
  },
  // a newborn
  {
    code: "birthMedicalCertificate", zh: "出生医学证明签发", en: "Birth medical certificate", department: "health", basis: "《中华人民共和国母婴保健法》第二十三条",
    conditionsZh: "在本省助产机构出生。", conditionsEn: "Born at a midwifery institution in the province.", statutoryDays: 5, promisedDays: 1, issues: "birthMedicalCertificate", kinds: ["citizen"],
    materials: [ m.idCard, m.childName, m.birthDate, { key: "birthPlace", zh: "出生医院", en: "Hospital of birth", basis: "《出生医学证明管理办法》第七条", source: "formField", fieldType: "text" } ],
  },
  {
    code: "householdRegistration", zh: "新生儿入户", en: "Household registration of a newborn", department: "publicSecurity", basis: "《中华人民共和国户口登记条例》第七条",
    conditionsZh: "婴儿出生后一个月以内申报。", conditionsEn: "Declared within one month of birth.", statutoryDays: 5, promisedDays: 1, issues: "householdRegistration", kinds: ["citizen"], autoAcceptance: false,
    materials: [ m.idCard, m.childName, m.birthDate ],
  },
  {
    code: "medicalInsuranceEnrolment", zh: "新生儿城乡居民医保参保登记", en: "Medical insurance for a newborn", department: "humanResources", basis: "《中华人民共和国社会保险法》第二十五条",
    conditionsZh: "已办理出生登记。", conditionsEn: "Birth registered.", statutoryDays: 5, promisedDays: 1, issues: "medicalInsuranceEnrolment", kinds: ["citizen"],
    materials: [ m.childName, m.birthDate ],
  },
  {
    code: "socialSecurityCard", zh: "新生儿社会保障卡申领", en: "Social security card for a newborn", department: "humanResources", basis: "《中华人民共和国社会保险法》第五十八条",
    conditionsZh: "已参加社会保险。", conditionsEn: "Enrolled in social insurance.", statutoryDays: 10, promisedDays: 3, issues: "socialSecurityCard", kinds: ["citizen"],
    materials: [ m.childName, { key: "childPhoto", zh: "新生儿照片", en: "Photo of the newborn", basis: "《社会保障卡管理办法》第十条", source: "upload", required: false, conditionZh: "需要制作有照片的卡时提供", conditionEn: "For a card with a photo" } ],
  },
];

const bundleSeeds: Array<{
  code: string; zh: string; en: string; descZh: string; descEn: string; lead: string; kinds: Kind[]; requires?: string;
  steps: Array<{ key: string; service: string; needs?: string[]; stage?: number }>;
}> = [
  {
    code: "startBusiness", zh: "开办企业一件事", en: "Start a business", lead: "market", kinds: ["citizen", "enterprise"],
    descZh: "一次提交，领取营业执照后同步办理公章刻制、税务登记和发票、社会保险登记、住房公积金缴存登记。",
    descEn: "One submission: the business licence, then the seal, tax and invoices, social insurance and housing fund in parallel.",
    steps: [
      { key: "businessLicence", service: "enterpriseRegistration", stage: 1 },
      { key: "seal", service: "sealEngraving", needs: ["businessLicence"], stage: 2 },
      { key: "tax", service: "taxRegistration", needs: ["businessLicence"], stage: 2 },
      { key: "socialInsurance", service: "socialInsuranceRegistration", needs: ["businessLicence"], stage: 2 },
      { key: "housingFund", service: "housingFundAccount", needs: ["businessLicence"], stage: 2 },
    ],
  },
  {
    code: "openRestaurant", zh: "开办餐馆一件事", en: "Open a restaurant", lead: "market", kinds: ["enterprise"], requires: "businessLicence",
    descZh: "已取得营业执照的企业开办餐馆：食品经营许可、消防安全检查、排水许可、户外招牌许可同步办理。",
    descEn: "For an enterprise with a business licence: food business licence, fire safety inspection, drainage permit and signboard permit, reviewed in parallel.",
    steps: [
      { key: "foodBusinessLicence", service: "foodBusinessLicence" },
      { key: "fireSafety", service: "fireSafetyInspection" },
      { key: "drainagePermit", service: "drainagePermit" },
      { key: "outdoorSignboard", service: "outdoorSignboard" },
    ],
  },
  {
    code: "constructionProject", zh: "工程建设项目审批一件事", en: "Construction project approval", lead: "housing", kinds: ["enterprise"],
    descZh: "立项用地规划、工程建设许可、施工许可、竣工验收四个阶段，每个阶段内多部门并联审批。",
    descEn: "Four stages — planning and land use, engineering permit, construction permit, completion acceptance — with departments in parallel inside each.",
    steps: [
      { key: "landUsePlanning", service: "landUsePlanningPermit", stage: 1 },
      { key: "environmentalImpact", service: "environmentalImpactApproval", stage: 1 },
      { key: "engineeringPlanning", service: "engineeringPlanningPermit", needs: ["landUsePlanning", "environmentalImpact"], stage: 2 },
      { key: "constructionPermit", service: "constructionPermit", needs: ["engineeringPlanning"], stage: 3 },
      { key: "fireDesignReview", service: "fireDesignReview", needs: ["engineeringPlanning"], stage: 3 },
      { key: "completionAcceptance", service: "completionAcceptance", needs: ["constructionPermit", "fireDesignReview"], stage: 4 },
      { key: "fireAcceptance", service: "fireAcceptance", needs: ["constructionPermit", "fireDesignReview"], stage: 4 },
    ],
  },
  {
    code: "newborn", zh: "新生儿出生一件事", en: "A newborn", lead: "health", kinds: ["citizen"],
    descZh: "出生医学证明签发后，同步办理入户、医保参保和社会保障卡申领。",
    descEn: "After the birth medical certificate: household registration, medical insurance and the social security card in parallel.",
    steps: [
      { key: "birthCertificate", service: "birthMedicalCertificate", stage: 1 },
      { key: "householdRegistration", service: "householdRegistration", needs: ["birthCertificate"], stage: 2 },
      { key: "medicalInsurance", service: "medicalInsuranceEnrolment", needs: ["birthCertificate"], stage: 2 },
      { key: "socialSecurityCard", service: "socialSecurityCard", needs: ["birthCertificate"], stage: 2 },
    ],
  },
];

/**
 * Seeds the catalog: certificate types, services with their materials, and the four bundles.
 * Idempotent: every row is insert-or-nothing on its natural key. Refuses (throws) a bundle whose
 * steps do not form an acyclic graph, and promised limits above statutory ones.
 */
export async function seedCatalog(db: Db): Promise<void> {
  const deptRows = await db.select({ id: departments.id, code: departments.code }).from(departments);
  const dept = (code: string) => {
    const id = deptRows.find((d) => d.code === code)?.id;
    if (!id) throw new Error(`department ${code} not seeded`);
    return id;
  };
  await db
    .insert(certificateTypes)
    .values(certificateTypeSeeds.map((c) => ({ code: c.code, nameZh: c.zh, nameEn: c.en, issuerDepartmentId: dept(c.department), fields: c.fields, validityYears: c.validityYears })))
    .onConflictDoNothing();

  for (const s of serviceSeeds) {
    const problem = validateTimeLimits(s);
    if (problem) throw new Error(`service ${s.code}: ${problem}`);
    await db
      .insert(services)
      .values({
        code: s.code,
        nameZh: s.zh,
        nameEn: s.en,
        departmentId: dept(s.department),
        legalBasis: s.basis,
        conditionsZh: s.conditionsZh,
        conditionsEn: s.conditionsEn,
        statutoryDays: s.statutoryDays,
        promisedDays: s.promisedDays,
        feeFen: s.feeFen ?? 0,
        issuesCertificateType: s.issues ?? null,
        applicantKinds: s.kinds,
        autoAcceptance: s.autoAcceptance ?? false,
      })
      .onConflictDoNothing();
    const [service] = await db.select({ id: services.id }).from(services).where(eq(services.code, s.code));
    if (!service) throw new Error(`service ${s.code} missing`);
    await db
      .insert(materials)
      .values(
        s.materials.map((mat, i) => ({
          serviceId: service.id,
          key: mat.key,
          nameZh: mat.zh,
          nameEn: mat.en,
          legalBasis: mat.basis,
          source: mat.source,
          fieldType: mat.fieldType ?? null,
          options: mat.options ?? null,
          certificateType: mat.certificateType ?? null,
          required: mat.required ?? true,
          conditionZh: mat.conditionZh ?? null,
          conditionEn: mat.conditionEn ?? null,
          sortOrder: i + 1,
        })),
      )
      .onConflictDoNothing();
  }

  for (const b of bundleSeeds) {
    const problems = validateBundleGraph(b.steps.map((s) => ({ key: s.key, needs: s.needs ?? [] })));
    if (problems.length > 0) throw new Error(`bundle ${b.code}: ${JSON.stringify(problems)}`);
    await db
      .insert(bundles)
      .values({
        code: b.code,
        nameZh: b.zh,
        nameEn: b.en,
        descriptionZh: b.descZh,
        descriptionEn: b.descEn,
        leadDepartmentId: dept(b.lead),
        applicantKinds: b.kinds,
        requiresCertificateType: b.requires ?? null,
      })
      .onConflictDoNothing();
    const [bundle] = await db.select({ id: bundles.id }).from(bundles).where(eq(bundles.code, b.code));
    if (!bundle) throw new Error(`bundle ${b.code} missing`);
    for (const [i, step] of b.steps.entries()) {
      const [service] = await db.select({ id: services.id }).from(services).where(eq(services.code, step.service));
      if (!service) throw new Error(`service ${step.service} missing`);
      await db
        .insert(bundleSteps)
        .values({ bundleId: bundle.id, key: step.key, serviceId: service.id, needs: step.needs ?? [], stage: step.stage ?? 1, sortOrder: i })
        .onConflictDoNothing();
    }
  }
}

