// The demo province's service catalog: certificate types, services with their legal basis and
// materials, and four bundles (一件事). Data only; `seed.ts` checks and writes it.
//
// Time limits are in working days. Where a law gives a limit in days (日) rather than working days
// (工作日), the number is kept as the law states it. Where a law sets no limit for a filing (备案)
// or registration, the statutory figure is the department's published standard and says so in a
// comment. Article numbers are cited only where they are certain; otherwise the law alone.

export type DepartmentCode =
  | "market"
  | "publicSecurity"
  | "tax"
  | "humanResources"
  | "housingFund"
  | "naturalResources"
  | "housing"
  | "ecology"
  | "health"
  | "fire";

export interface CertificateTypeDef {
  code: string;
  nameZh: string;
  nameEn: string;
  issuer: DepartmentCode;
  fields: string[];
  validityYears: number | null;
}

export const certificateTypeDefs: CertificateTypeDef[] = [
  {
    code: "businessLicence",
    nameZh: "营业执照",
    nameEn: "Business licence",
    issuer: "market",
    fields: ["name", "creditCode", "legalRepresentative", "entityType", "registeredCapital", "businessAddress", "businessScope"],
    validityYears: null,
  },
  { code: "residentIdCard", nameZh: "居民身份证", nameEn: "Resident identity card", issuer: "publicSecurity", fields: ["name", "idNumber", "address"], validityYears: 20 },
  { code: "sealRecord", nameZh: "印章刻制备案回执", nameEn: "Seal engraving filing receipt", issuer: "publicSecurity", fields: ["holderName", "sealTypes"], validityYears: null },
  { code: "taxRegistration", nameZh: "税务登记信息确认", nameEn: "Tax registration confirmation", issuer: "tax", fields: ["holderName", "holderCode", "invoiceTypes"], validityYears: null },
  {
    code: "socialInsuranceRegistration",
    nameZh: "社会保险登记",
    nameEn: "Social insurance registration",
    issuer: "humanResources",
    fields: ["holderName", "holderCode", "employeeCount"],
    validityYears: null,
  },
  {
    code: "housingFundAccount",
    nameZh: "住房公积金单位缴存登记",
    nameEn: "Housing provident fund employer account",
    issuer: "housingFund",
    fields: ["holderName", "holderCode", "housingFundRate"],
    validityYears: null,
  },
  {
    code: "foodBusinessLicence",
    nameZh: "食品经营许可证",
    nameEn: "Food business licence",
    issuer: "market",
    fields: ["holderName", "holderCode", "businessAddress", "foodSafetyManager"],
    validityYears: 5,
  },
  {
    code: "fireSafetyInspection",
    nameZh: "公众聚集场所投入使用、营业前消防安全检查意见书",
    nameEn: "Fire safety inspection approval for a public venue",
    issuer: "fire",
    fields: ["holderName", "businessAddress"],
    validityYears: null,
  },
  {
    code: "drainagePermit",
    nameZh: "城镇污水排入排水管网许可证",
    nameEn: "Permit to discharge wastewater into the urban sewer network",
    issuer: "housing",
    fields: ["holderName", "businessAddress", "dailyWastewater"],
    validityYears: 5,
  },
  {
    code: "outdoorSignboardPermit",
    nameZh: "户外招牌设置许可",
    nameEn: "Outdoor signboard permit",
    issuer: "housing",
    fields: ["holderName", "businessAddress", "signboardText"],
    validityYears: null,
  },
  {
    code: "landUsePlanningPermit",
    nameZh: "建设用地规划许可证",
    nameEn: "Land use planning permit",
    issuer: "naturalResources",
    fields: ["holderName", "projectName", "projectLocation", "landArea"],
    validityYears: null,
  },
  {
    code: "engineeringPlanningPermit",
    nameZh: "建设工程规划许可证",
    nameEn: "Construction engineering planning permit",
    issuer: "naturalResources",
    fields: ["holderName", "projectName", "projectLocation", "buildingArea"],
    validityYears: null,
  },
  {
    code: "constructionPermit",
    nameZh: "建筑工程施工许可证",
    nameEn: "Construction permit",
    issuer: "housing",
    fields: ["holderName", "projectName", "projectLocation", "buildingArea"],
    validityYears: null,
  },
  {
    code: "completionAcceptanceRecord",
    nameZh: "建设工程竣工验收备案证明",
    nameEn: "Completion acceptance filing certificate",
    issuer: "housing",
    fields: ["holderName", "projectName", "completionDate"],
    validityYears: null,
  },
  {
    code: "environmentalImpactApproval",
    nameZh: "建设项目环境影响评价文件批复",
    nameEn: "Environmental impact assessment approval",
    issuer: "ecology",
    fields: ["holderName", "projectName", "projectLocation"],
    validityYears: 5,
  },
  {
    code: "birthMedicalCertificate",
    nameZh: "出生医学证明",
    nameEn: "Medical certificate of birth",
    issuer: "health",
    fields: ["babyName", "babySex", "babyBirthDate", "birthPlace", "motherName", "fatherName"],
    validityYears: null,
  },
  {
    code: "householdRegistration",
    nameZh: "户口登记（出生登记）",
    nameEn: "Household registration (birth)",
    issuer: "publicSecurity",
    fields: ["babyName", "babySex", "babyBirthDate", "householdAddress"],
    validityYears: null,
  },
  {
    code: "medicalInsuranceEnrolment",
    nameZh: "城乡居民基本医疗保险参保登记",
    nameEn: "Enrolment in basic medical insurance for residents",
    issuer: "humanResources",
    fields: ["babyName", "babyBirthDate"],
    validityYears: null,
  },
  { code: "socialSecurityCard", nameZh: "社会保障卡", nameEn: "Social security card", issuer: "humanResources", fields: ["babyName", "babyBirthDate"], validityYears: null },
];

type FieldType = "text" | "textarea" | "number" | "date" | "select";
type Option = { value: string; labelZh: string; labelEn: string };

/**
 * A piece of data or document, defined once: every service that asks for `key` asks for the same
 * thing, so a bundle asks for it once. `sortOrder` orders the merged form: data first, then
 * certificates government holds, then uploads.
 */
interface MaterialDef {
  nameZh: string;
  nameEn: string;
  source: "formField" | "upload" | "certificate";
  fieldType?: FieldType;
  options?: Option[];
  certificateType?: string;
  sortOrder: number;
}

const text = (sortOrder: number, nameZh: string, nameEn: string, fieldType: FieldType = "text", options?: Option[]): MaterialDef => ({
  nameZh,
  nameEn,
  source: "formField",
  fieldType,
  options,
  sortOrder,
});
const upload = (sortOrder: number, nameZh: string, nameEn: string): MaterialDef => ({ nameZh, nameEn, source: "upload", sortOrder });
const certificate = (sortOrder: number, code: string): MaterialDef => {
  const type = certificateTypeDefs.find((c) => c.code === code);
  if (!type) throw new Error(`unknown certificate type ${code}`);
  return { nameZh: type.nameZh, nameEn: type.nameEn, source: "certificate", certificateType: code, sortOrder };
};

export const materialDefs = {
  // Enterprise data.
  enterpriseName: text(10, "企业名称", "Enterprise name"),
  entityType: text(11, "企业类型", "Type of enterprise", "select", [
    { value: "limitedLiabilityCompany", labelZh: "有限责任公司", labelEn: "Limited liability company" },
    { value: "soleProprietorship", labelZh: "个人独资企业", labelEn: "Sole proprietorship" },
    { value: "partnership", labelZh: "合伙企业", labelEn: "Partnership" },
    { value: "individualBusiness", labelZh: "个体工商户", labelEn: "Individual business" },
  ]),
  registeredCapital: text(12, "注册资本（万元）", "Registered capital (10,000 yuan)", "number"),
  businessAddress: text(13, "住所（经营场所）", "Registered address (place of business)"),
  businessScope: text(14, "经营范围", "Business scope", "textarea"),
  legalRepresentativeName: text(15, "法定代表人姓名", "Name of the legal representative"),
  employeeCount: text(16, "职工人数", "Number of employees", "number"),
  bankAccount: text(17, "银行结算账户账号", "Bank settlement account number"),
  housingFundRate: text(18, "住房公积金缴存比例", "Housing fund contribution rate", "select", [
    { value: "5", labelZh: "5%", labelEn: "5%" },
    { value: "8", labelZh: "8%", labelEn: "8%" },
    { value: "10", labelZh: "10%", labelEn: "10%" },
    { value: "12", labelZh: "12%", labelEn: "12%" },
  ]),
  invoiceTypes: text(19, "申领发票种类", "Invoices applied for", "select", [
    { value: "generalVat", labelZh: "增值税普通发票", labelEn: "Ordinary VAT invoices" },
    { value: "specialVat", labelZh: "增值税专用发票", labelEn: "Special VAT invoices" },
    { value: "both", labelZh: "普通发票和专用发票", labelEn: "Both ordinary and special VAT invoices" },
  ]),
  sealTypes: text(20, "刻制印章种类", "Seals to engrave", "select", [
    { value: "company", labelZh: "公章", labelEn: "Company seal" },
    { value: "companyFinance", labelZh: "公章、财务专用章", labelEn: "Company seal and finance seal" },
    { value: "full", labelZh: "公章、财务专用章、发票专用章、合同专用章", labelEn: "Company, finance, invoice and contract seals" },
  ]),
  // Premises.
  diningArea: text(30, "经营场所面积（平方米）", "Floor area of the premises (m²)", "number"),
  foodSafetyManager: text(31, "食品安全管理人员姓名", "Name of the food safety manager"),
  dailyWastewater: text(32, "日排水量（立方米）", "Daily wastewater discharge (m³)", "number"),
  signboardText: text(33, "招牌文字内容", "Text on the signboard"),
  signboardSize: text(34, "招牌尺寸（长×高，米）", "Signboard size (length × height, m)"),
  // Construction projects.
  projectName: text(40, "项目名称", "Project name"),
  projectLocation: text(41, "建设地点", "Project location"),
  landArea: text(42, "用地面积（平方米）", "Land area (m²)", "number"),
  buildingArea: text(43, "总建筑面积（平方米）", "Total floor area (m²)", "number"),
  projectInvestment: text(44, "总投资（万元）", "Total investment (10,000 yuan)", "number"),
  completionDate: text(45, "竣工验收日期", "Date of completion acceptance", "date"),
  // A newborn.
  babyName: text(50, "新生儿姓名", "Name of the newborn"),
  babySex: text(51, "新生儿性别", "Sex of the newborn", "select", [
    { value: "female", labelZh: "女", labelEn: "Female" },
    { value: "male", labelZh: "男", labelEn: "Male" },
  ]),
  babyBirthDate: text(52, "出生日期", "Date of birth", "date"),
  birthPlace: text(53, "出生地点（医疗机构）", "Place of birth (hospital)"),
  motherName: text(54, "母亲姓名", "Mother's name"),
  fatherName: text(55, "父亲姓名", "Father's name"),
  householdAddress: text(56, "户籍地址", "Address of household registration"),
  // Certificates government already holds.
  businessLicence: certificate(60, "businessLicence"),
  residentIdCard: certificate(61, "residentIdCard"),
  landUsePlanningPermit: certificate(62, "landUsePlanningPermit"),
  engineeringPlanningPermit: certificate(63, "engineeringPlanningPermit"),
  constructionPermit: certificate(64, "constructionPermit"),
  birthMedicalCertificate: certificate(65, "birthMedicalCertificate"),
  // Documents only the applicant has.
  articlesOfAssociation: upload(80, "公司章程（合伙协议）", "Articles of association (partnership agreement)"),
  premisesProof: upload(81, "住所（经营场所）使用证明", "Proof of the right to use the premises"),
  premisesFloorPlan: upload(82, "经营场所平面布局图", "Floor plan of the premises"),
  foodSafetyRules: upload(83, "食品安全管理制度", "Food safety management rules"),
  fireSafetyPlan: upload(84, "消防安全制度及灭火和应急疏散预案", "Fire safety rules and evacuation plan"),
  drainageDesign: upload(85, "排水管网、专用检测井及排放口位置图", "Drawing of drains, inspection well and outfall"),
  signboardDesign: upload(86, "招牌设计效果图", "Signboard design drawing"),
  propertyOwnerConsent: upload(87, "建筑物所有权人同意设置的证明", "Consent of the building's owner"),
  projectApprovalDocument: upload(88, "项目批准、核准或者备案文件", "Project approval, authorisation or filing document"),
  landTitleProof: upload(89, "国有土地使用权出让合同", "Contract for the grant of state-owned land use rights"),
  sitePlan: upload(90, "建设项目总平面图", "Site plan"),
  environmentalImpactReport: upload(91, "环境影响报告书（表）", "Environmental impact report (form)"),
  architecturalDesign: upload(92, "建设工程设计方案", "Architectural design scheme"),
  fireDesignDocuments: upload(93, "消防设计文件", "Fire protection design documents"),
  constructionContract: upload(94, "施工合同（确定施工企业的证明）", "Construction contract"),
  constructionDrawings: upload(95, "施工图纸及技术资料", "Construction drawings and technical documents"),
  qualitySafetyMeasures: upload(96, "保证工程质量和安全的具体措施", "Measures ensuring quality and safety"),
  completionReport: upload(97, "工程竣工验收报告", "Completion acceptance report"),
  fireFacilityDrawings: upload(98, "消防设施竣工图纸", "As-built drawings of fire protection facilities"),
  householdRegisterBook: upload(99, "户口簿", "Household register booklet"),
  idPhoto: upload(100, "证件照片", "Identity photograph"),
} satisfies Record<string, MaterialDef>;

export type MaterialKey = keyof typeof materialDefs;

interface ServiceMaterialDef {
  key: MaterialKey;
  legalBasis: string;
  /** Omitted: required. A condition makes it conditional. */
  conditionZh?: string;
  conditionEn?: string;
}

export interface ServiceDef {
  code: string;
  nameZh: string;
  nameEn: string;
  department: DepartmentCode;
  legalBasis: string;
  conditionsZh: string;
  conditionsEn: string;
  statutoryDays: number;
  promisedDays: number;
  feeFen: number;
  issues: string | null;
  applicantKinds: Array<"enterprise" | "citizen">;
  autoAcceptance: boolean;
  /** Approval registers a new market entity: applied for only through the start-a-business path. */
  registersEntity?: boolean;
  materials: ServiceMaterialDef[];
}

const registration = "《中华人民共和国市场主体登记管理条例》";
const foodSafety = "《中华人民共和国食品安全法》";
const fireLaw = "《中华人民共和国消防法》";
const planningLaw = "《中华人民共和国城乡规划法》";
const socialInsurance = "《中华人民共和国社会保险法》";
const housingFundRegulation = "《住房公积金管理条例》";
const taxLaw = "《中华人民共和国税收征收管理法》";
const seals = "《国务院关于国家行政机关和企业事业单位社会团体印章管理的规定》（国发〔1999〕25号）";
const signboards = "《城市市容和环境卫生管理条例》";

export const serviceDefs: ServiceDef[] = [
  // ------------------------------------------------------------------ starting a business
  {
    code: "enterpriseEstablishment",
    nameZh: "企业设立登记",
    nameEn: "Registration of a new enterprise",
    department: "market",
    legalBasis: `${registration}第十九条、第二十一条`,
    conditionsZh: "投资人为完全民事行为能力人；企业名称已自主申报且符合名称登记规定；有固定的住所（经营场所）；有符合法律规定的章程或者合伙协议。",
    conditionsEn:
      "The investors have full civil capacity; the enterprise name has been declared and meets the naming rules; there is a fixed registered address; there are articles of association or a partnership agreement as the law requires.",
    // Art. 19: registered on the spot when complete, otherwise within 3 working days.
    statutoryDays: 3,
    promisedDays: 1,
    feeFen: 0,
    issues: "businessLicence",
    applicantKinds: ["citizen"],
    autoAcceptance: false,
    registersEntity: true,
    materials: [
      { key: "enterpriseName", legalBasis: `${registration}第八条` },
      { key: "entityType", legalBasis: `${registration}第八条` },
      { key: "registeredCapital", legalBasis: `${registration}第八条` },
      { key: "businessAddress", legalBasis: `${registration}第八条` },
      { key: "businessScope", legalBasis: `${registration}第八条` },
      { key: "legalRepresentativeName", legalBasis: `${registration}第八条` },
      { key: "residentIdCard", legalBasis: `${registration}第十六条第一款第二项` },
      // 住所申报承诺制 and standard articles (标准化章程): a founder who declares the address and
      // adopts the standard articles uploads neither.
      {
        key: "premisesProof",
        legalBasis: `${registration}第十六条第一款第三项`,
        conditionZh: "未作住所（经营场所）申报承诺的提交",
        conditionEn: "Unless the founder declares the address under the commitment system",
      },
      {
        key: "articlesOfAssociation",
        legalBasis: `${registration}第十六条第一款第四项`,
        conditionZh: "未采用标准化章程的提交",
        conditionEn: "Unless the standard articles of association are adopted",
      },
    ],
  },
  {
    code: "sealEngraving",
    nameZh: "印章刻制备案",
    nameEn: "Filing of seal engraving",
    department: "publicSecurity",
    legalBasis: `${seals}；《国务院关于第一批取消62项中央指定地方实施行政审批事项的决定》（国发〔2017〕7号）`,
    conditionsZh: "已取得营业执照的企业；印章由已备案的印章刻制企业刻制。",
    conditionsEn: "An enterprise holding a business licence; the seals are engraved by a registered seal maker.",
    // A filing, not a licence: no statutory limit; one working day is the department's standard.
    statutoryDays: 1,
    promisedDays: 1,
    feeFen: 0,
    issues: "sealRecord",
    applicantKinds: ["enterprise"],
    autoAcceptance: true,
    materials: [
      { key: "businessLicence", legalBasis: seals },
      { key: "sealTypes", legalBasis: seals },
    ],
  },
  {
    code: "newTaxpayerSetup",
    nameZh: "新办纳税人涉税事项（信息确认、发票票种核定及领用）",
    nameEn: "Tax set-up for a new taxpayer (registration details and invoices)",
    department: "tax",
    legalBasis: `${taxLaw}第十五条；《中华人民共和国发票管理办法》`,
    conditionsZh: "已领取营业执照的企业，自领取营业执照之日起三十日内办理。",
    conditionsEn: "An enterprise that has received its business licence, within thirty days of receiving it.",
    // Art. 15: the tax authority registers on the day it receives the declaration.
    statutoryDays: 1,
    promisedDays: 1,
    feeFen: 0,
    issues: "taxRegistration",
    applicantKinds: ["enterprise"],
    autoAcceptance: true,
    materials: [
      { key: "businessLicence", legalBasis: `${taxLaw}第十五条` },
      { key: "businessAddress", legalBasis: `${taxLaw}第十五条` },
      { key: "invoiceTypes", legalBasis: "《中华人民共和国发票管理办法》" },
      {
        key: "bankAccount",
        legalBasis: `${taxLaw}第十七条`,
        conditionZh: "已开立银行结算账户的填写",
        conditionEn: "If a bank settlement account has been opened",
      },
    ],
  },
  {
    code: "employerSocialInsurance",
    nameZh: "单位参加社会保险登记",
    nameEn: "Employer registration for social insurance",
    department: "humanResources",
    legalBasis: `${socialInsurance}第五十七条、第五十八条`,
    conditionsZh: "用人单位自成立之日起三十日内申请办理社会保险登记，并自用工之日起三十日内为职工办理登记。",
    conditionsEn: "An employer registers within thirty days of being established, and registers each employee within thirty days of hiring.",
    // Art. 57: reviewed within fifteen days of the application.
    statutoryDays: 15,
    promisedDays: 2,
    feeFen: 0,
    issues: "socialInsuranceRegistration",
    applicantKinds: ["enterprise"],
    autoAcceptance: false,
    materials: [
      { key: "businessLicence", legalBasis: `${socialInsurance}第五十七条` },
      { key: "businessAddress", legalBasis: `${socialInsurance}第五十七条` },
      { key: "employeeCount", legalBasis: `${socialInsurance}第五十八条` },
    ],
  },
  {
    code: "employerHousingFund",
    nameZh: "单位住房公积金缴存登记",
    nameEn: "Employer registration for the housing provident fund",
    department: "housingFund",
    legalBasis: `${housingFundRegulation}第十三条、第十四条`,
    conditionsZh: "新设立的单位自设立之日起三十日内办理住房公积金缴存登记。",
    conditionsEn: "A new employer registers with the housing provident fund within thirty days of being established.",
    // The regulation sets no processing limit; five working days is the centre's published standard.
    statutoryDays: 5,
    promisedDays: 1,
    feeFen: 0,
    issues: "housingFundAccount",
    applicantKinds: ["enterprise"],
    autoAcceptance: false,
    materials: [
      { key: "businessLicence", legalBasis: `${housingFundRegulation}第十四条` },
      { key: "employeeCount", legalBasis: `${housingFundRegulation}第十四条` },
      { key: "housingFundRate", legalBasis: `${housingFundRegulation}第十八条` },
      {
        key: "bankAccount",
        legalBasis: `${housingFundRegulation}第十三条`,
        conditionZh: "已开立银行结算账户的填写",
        conditionEn: "If a bank settlement account has been opened",
      },
    ],
  },
  // ------------------------------------------------------------------ opening a restaurant
  {
    code: "foodBusinessLicensing",
    nameZh: "食品经营许可",
    nameEn: "Food business licence",
    department: "market",
    legalBasis: `${foodSafety}第三十五条`,
    conditionsZh: "具有与经营的食品品种、数量相适应的经营场所，并与有毒、有害场所保持规定的距离；有相应的设备设施；有专职或者兼职的食品安全管理人员和保证食品安全的规章制度；有合理的设备布局和工艺流程。",
    conditionsEn:
      "Premises suited to the kinds and quantity of food handled and kept at the required distance from toxic or hazardous places; suitable equipment; a full- or part-time food safety manager and food safety rules; a sound equipment layout and process flow.",
    // Administrative Licensing Law art. 42: decided within 20 working days of acceptance.
    statutoryDays: 20,
    promisedDays: 5,
    feeFen: 0,
    issues: "foodBusinessLicence",
    applicantKinds: ["enterprise"],
    autoAcceptance: false,
    materials: [
      { key: "businessLicence", legalBasis: `${foodSafety}第三十五条` },
      { key: "businessAddress", legalBasis: `${foodSafety}第三十三条` },
      { key: "diningArea", legalBasis: `${foodSafety}第三十三条第一款第一项` },
      { key: "foodSafetyManager", legalBasis: `${foodSafety}第三十三条第一款第三项` },
      { key: "premisesFloorPlan", legalBasis: `${foodSafety}第三十三条第一款第四项` },
      { key: "foodSafetyRules", legalBasis: `${foodSafety}第三十三条第一款第三项` },
    ],
  },
  {
    code: "fireSafetyInspection",
    nameZh: "公众聚集场所投入使用、营业前消防安全检查",
    nameEn: "Fire safety inspection before a public venue opens",
    department: "fire",
    legalBasis: `${fireLaw}第十五条`,
    conditionsZh: "公众聚集场所（含餐饮场所）投入使用、营业前，建设单位或者使用单位作出场所符合消防技术标准和管理规定的承诺。",
    conditionsEn: "Before a public venue (restaurants included) opens, its owner or user undertakes that it meets the fire safety standards and rules.",
    // Art. 15: inspected within ten working days of accepting the application.
    statutoryDays: 10,
    promisedDays: 5,
    feeFen: 0,
    issues: "fireSafetyInspection",
    applicantKinds: ["enterprise"],
    autoAcceptance: false,
    materials: [
      { key: "businessLicence", legalBasis: `${fireLaw}第十五条` },
      { key: "businessAddress", legalBasis: `${fireLaw}第十五条` },
      { key: "diningArea", legalBasis: `${fireLaw}第十五条` },
      { key: "premisesFloorPlan", legalBasis: `${fireLaw}第十五条` },
      { key: "fireSafetyPlan", legalBasis: `${fireLaw}第十六条` },
    ],
  },
  {
    code: "drainagePermit",
    nameZh: "城镇污水排入排水管网许可",
    nameEn: "Permit to discharge wastewater into the urban sewer network",
    department: "housing",
    legalBasis: "《城镇排水与污水处理条例》第二十一条",
    conditionsZh: "从事工业、建筑、餐饮、医疗等活动的单位和个体工商户向城镇排水设施排放污水，排水设施和预处理设施符合要求。",
    conditionsEn:
      "Businesses in industry, construction, catering, health care and similar that discharge wastewater into urban sewers, with drains and pre-treatment that meet the requirements.",
    statutoryDays: 20,
    promisedDays: 5,
    feeFen: 0,
    issues: "drainagePermit",
    applicantKinds: ["enterprise"],
    autoAcceptance: false,
    materials: [
      { key: "businessLicence", legalBasis: "《城镇排水与污水处理条例》第二十一条" },
      { key: "businessAddress", legalBasis: "《城镇排水与污水处理条例》第二十一条" },
      { key: "dailyWastewater", legalBasis: "《城镇排水与污水处理条例》第二十一条" },
      { key: "drainageDesign", legalBasis: "《城镇排水与污水处理条例》第二十一条" },
    ],
  },
  {
    code: "outdoorSignboardPermit",
    nameZh: "户外招牌设置审批",
    nameEn: "Approval of an outdoor signboard",
    department: "housing",
    legalBasis: `${signboards}第十一条`,
    conditionsZh: "招牌内容健康、外型美观，设置位置、尺寸符合本市户外广告和招牌设置规划。",
    conditionsEn: "Decent content and appearance; position and size conform to the city's plan for outdoor advertising and signboards.",
    statutoryDays: 20,
    promisedDays: 5,
    feeFen: 0,
    issues: "outdoorSignboardPermit",
    applicantKinds: ["enterprise"],
    autoAcceptance: false,
    materials: [
      { key: "businessLicence", legalBasis: `${signboards}第十一条` },
      { key: "businessAddress", legalBasis: `${signboards}第十一条` },
      { key: "signboardText", legalBasis: `${signboards}第十一条` },
      { key: "signboardSize", legalBasis: `${signboards}第十一条` },
      { key: "signboardDesign", legalBasis: `${signboards}第十一条` },
      {
        key: "propertyOwnerConsent",
        legalBasis: "《中华人民共和国民法典》",
        conditionZh: "招牌设置在他人所有的建筑物上的",
        conditionEn: "If the signboard is put on a building owned by someone else",
      },
    ],
  },
  // ------------------------------------------------------------------ construction projects
  {
    code: "landUsePlanningPermit",
    nameZh: "建设用地规划许可",
    nameEn: "Land use planning permit",
    department: "naturalResources",
    legalBasis: `${planningLaw}第三十七条、第三十八条`,
    conditionsZh: "建设项目已经有关部门批准、核准或者备案；以出让方式取得国有土地使用权的，已签订国有土地使用权出让合同。",
    conditionsEn: "The project has been approved, authorised or filed; where the land use right is granted, the grant contract has been signed.",
    statutoryDays: 20,
    promisedDays: 10,
    feeFen: 0,
    issues: "landUsePlanningPermit",
    applicantKinds: ["enterprise"],
    autoAcceptance: false,
    materials: [
      { key: "projectName", legalBasis: `${planningLaw}第三十七条` },
      { key: "projectLocation", legalBasis: `${planningLaw}第三十七条` },
      { key: "landArea", legalBasis: `${planningLaw}第三十七条` },
      { key: "projectApprovalDocument", legalBasis: `${planningLaw}第三十七条` },
      {
        key: "landTitleProof",
        legalBasis: `${planningLaw}第三十八条`,
        conditionZh: "以出让方式取得国有土地使用权的",
        conditionEn: "If the land use right is obtained by grant",
      },
      { key: "sitePlan", legalBasis: `${planningLaw}第三十八条` },
    ],
  },
  {
    code: "environmentalImpactApproval",
    nameZh: "建设项目环境影响报告书（表）审批",
    nameEn: "Approval of a project's environmental impact report",
    department: "ecology",
    legalBasis: "《中华人民共和国环境影响评价法》第二十二条",
    conditionsZh: "依法应当编制环境影响报告书或者报告表的建设项目，在开工建设前报批。",
    conditionsEn: "A project that must prepare an environmental impact report or report form submits it for approval before construction starts.",
    // Art. 22: sixty days for a report, thirty for a report form (the longer is shown).
    statutoryDays: 60,
    promisedDays: 20,
    feeFen: 0,
    issues: "environmentalImpactApproval",
    applicantKinds: ["enterprise"],
    autoAcceptance: false,
    materials: [
      { key: "projectName", legalBasis: "《中华人民共和国环境影响评价法》第二十二条" },
      { key: "projectLocation", legalBasis: "《中华人民共和国环境影响评价法》第二十二条" },
      { key: "projectInvestment", legalBasis: "《中华人民共和国环境影响评价法》第二十二条" },
      { key: "environmentalImpactReport", legalBasis: "《中华人民共和国环境影响评价法》第二十二条" },
    ],
  },
  {
    code: "engineeringPlanningPermit",
    nameZh: "建设工程规划许可",
    nameEn: "Construction engineering planning permit",
    department: "naturalResources",
    legalBasis: `${planningLaw}第四十条`,
    conditionsZh: "已取得建设用地规划许可证和使用土地的有关证明文件；建设工程设计方案符合控制性详细规划和规划条件。",
    conditionsEn: "The land use planning permit and proof of land use are held; the design scheme conforms to the detailed plan and the planning conditions.",
    statutoryDays: 20,
    promisedDays: 10,
    feeFen: 0,
    issues: "engineeringPlanningPermit",
    applicantKinds: ["enterprise"],
    autoAcceptance: false,
    materials: [
      { key: "projectName", legalBasis: `${planningLaw}第四十条` },
      { key: "projectLocation", legalBasis: `${planningLaw}第四十条` },
      { key: "buildingArea", legalBasis: `${planningLaw}第四十条` },
      { key: "landUsePlanningPermit", legalBasis: `${planningLaw}第四十条` },
      { key: "sitePlan", legalBasis: `${planningLaw}第四十条` },
      { key: "architecturalDesign", legalBasis: `${planningLaw}第四十条` },
    ],
  },
  {
    code: "constructionPermit",
    nameZh: "建筑工程施工许可",
    nameEn: "Construction permit",
    department: "housing",
    legalBasis: "《中华人民共和国建筑法》第七条、第八条",
    conditionsZh: "已办理用地批准手续；已取得建设工程规划许可证；已确定施工企业；有满足施工需要的资金安排、施工图纸及技术资料；有保证工程质量和安全的具体措施。",
    conditionsEn:
      "Land use approved; construction engineering planning permit held; the builder chosen; funding, drawings and technical documents sufficient for construction; concrete measures ensuring quality and safety.",
    // Art. 8: decided within seven days of receiving the application.
    statutoryDays: 7,
    promisedDays: 3,
    feeFen: 0,
    issues: "constructionPermit",
    applicantKinds: ["enterprise"],
    autoAcceptance: false,
    materials: [
      { key: "projectName", legalBasis: "《中华人民共和国建筑法》第七条" },
      { key: "projectLocation", legalBasis: "《中华人民共和国建筑法》第七条" },
      { key: "buildingArea", legalBasis: "《中华人民共和国建筑法》第七条" },
      { key: "engineeringPlanningPermit", legalBasis: "《中华人民共和国建筑法》第八条第一款第二项" },
      { key: "constructionContract", legalBasis: "《中华人民共和国建筑法》第八条第一款第四项" },
      { key: "constructionDrawings", legalBasis: "《中华人民共和国建筑法》第八条第一款第五项" },
      { key: "qualitySafetyMeasures", legalBasis: "《中华人民共和国建筑法》第八条第一款第六项" },
    ],
  },
  {
    code: "fireDesignReview",
    nameZh: "特殊建设工程消防设计审查",
    nameEn: "Fire protection design review of a special construction project",
    department: "fire",
    legalBasis: `${fireLaw}第十一条；《建设工程消防设计审查验收管理暂行规定》`,
    conditionsZh: "属于特殊建设工程的，建设单位在施工前报送消防设计文件；消防设计文件符合国家工程建设消防技术标准。",
    conditionsEn: "For a special construction project, the builder submits the fire protection design before construction; the design meets the national technical standards.",
    statutoryDays: 15,
    promisedDays: 10,
    feeFen: 0,
    issues: null,
    applicantKinds: ["enterprise"],
    autoAcceptance: false,
    materials: [
      { key: "projectName", legalBasis: `${fireLaw}第十一条` },
      { key: "buildingArea", legalBasis: `${fireLaw}第十一条` },
      { key: "fireDesignDocuments", legalBasis: `${fireLaw}第十一条` },
    ],
  },
  {
    code: "completionAcceptanceRecord",
    nameZh: "建设工程竣工验收备案",
    nameEn: "Filing of a project's completion acceptance",
    department: "housing",
    legalBasis: "《建设工程质量管理条例》第四十九条",
    conditionsZh: "建设工程经竣工验收合格，建设单位自竣工验收合格之日起十五日内备案。",
    conditionsEn: "The project passed completion acceptance; the builder files within fifteen days of passing it.",
    statutoryDays: 15,
    promisedDays: 5,
    feeFen: 0,
    issues: "completionAcceptanceRecord",
    applicantKinds: ["enterprise"],
    autoAcceptance: false,
    materials: [
      { key: "projectName", legalBasis: "《建设工程质量管理条例》第四十九条" },
      { key: "completionDate", legalBasis: "《建设工程质量管理条例》第四十九条" },
      { key: "constructionPermit", legalBasis: "《建设工程质量管理条例》第四十九条" },
      { key: "completionReport", legalBasis: "《建设工程质量管理条例》第四十九条" },
    ],
  },
  {
    code: "fireAcceptance",
    nameZh: "特殊建设工程消防验收",
    nameEn: "Fire protection acceptance of a special construction project",
    department: "fire",
    legalBasis: `${fireLaw}第十三条；《建设工程消防设计审查验收管理暂行规定》`,
    conditionsZh: "特殊建设工程竣工后，建设单位申请消防验收；未经消防验收或者消防验收不合格的，禁止投入使用。",
    conditionsEn: "After a special construction project is completed the builder applies for fire acceptance; it may not be used before passing.",
    statutoryDays: 15,
    promisedDays: 10,
    feeFen: 0,
    issues: null,
    applicantKinds: ["enterprise"],
    autoAcceptance: false,
    materials: [
      { key: "projectName", legalBasis: `${fireLaw}第十三条` },
      { key: "completionDate", legalBasis: `${fireLaw}第十三条` },
      { key: "completionReport", legalBasis: `${fireLaw}第十三条` },
      { key: "fireFacilityDrawings", legalBasis: `${fireLaw}第十三条` },
    ],
  },
  // ------------------------------------------------------------------ a newborn
  {
    code: "birthMedicalCertificate",
    nameZh: "出生医学证明签发",
    nameEn: "Issue of the medical certificate of birth",
    department: "health",
    legalBasis: "《中华人民共和国母婴保健法》第二十三条",
    conditionsZh: "在本省依法设立的助产机构内出生的新生儿，由其父母或者监护人申请。",
    conditionsEn: "A child born in a licensed maternity facility of the province; applied for by a parent or guardian.",
    // No statutory limit; five working days is the commission's published standard.
    statutoryDays: 5,
    promisedDays: 1,
    feeFen: 0,
    issues: "birthMedicalCertificate",
    applicantKinds: ["citizen"],
    autoAcceptance: false,
    materials: [
      { key: "babyName", legalBasis: "《中华人民共和国母婴保健法》第二十三条" },
      { key: "babySex", legalBasis: "《中华人民共和国母婴保健法》第二十三条" },
      { key: "babyBirthDate", legalBasis: "《中华人民共和国母婴保健法》第二十三条" },
      { key: "birthPlace", legalBasis: "《中华人民共和国母婴保健法》第二十三条" },
      { key: "motherName", legalBasis: "《中华人民共和国母婴保健法》第二十三条" },
      {
        key: "fatherName",
        legalBasis: "《中华人民共和国母婴保健法》第二十三条",
        conditionZh: "父亲信息明确的填写",
        conditionEn: "If the father is known",
      },
      { key: "residentIdCard", legalBasis: "《中华人民共和国母婴保健法》第二十三条" },
    ],
  },
  {
    code: "birthRegistration",
    nameZh: "出生登记",
    nameEn: "Birth registration (household register)",
    department: "publicSecurity",
    legalBasis: "《中华人民共和国户口登记条例》第七条",
    conditionsZh: "婴儿出生后一个月以内，由户主、亲属、抚养人或者邻居向婴儿常住地户口登记机关申报出生登记。",
    conditionsEn: "Within one month of birth, the head of household, a relative, a carer or a neighbour declares the birth to the registry of the child's residence.",
    // No statutory limit for the registry; five working days is the department's standard.
    statutoryDays: 5,
    promisedDays: 1,
    feeFen: 0,
    issues: "householdRegistration",
    applicantKinds: ["citizen"],
    autoAcceptance: false,
    materials: [
      { key: "babyName", legalBasis: "《中华人民共和国户口登记条例》第七条" },
      { key: "babySex", legalBasis: "《中华人民共和国户口登记条例》第七条" },
      { key: "babyBirthDate", legalBasis: "《中华人民共和国户口登记条例》第七条" },
      { key: "householdAddress", legalBasis: "《中华人民共和国户口登记条例》第七条" },
      { key: "residentIdCard", legalBasis: "《中华人民共和国户口登记条例》第七条" },
      { key: "birthMedicalCertificate", legalBasis: "《中华人民共和国户口登记条例》第七条；《中华人民共和国母婴保健法》第二十三条" },
      { key: "householdRegisterBook", legalBasis: "《中华人民共和国户口登记条例》第七条" },
    ],
  },
  {
    code: "residentMedicalInsurance",
    nameZh: "城乡居民基本医疗保险参保登记",
    nameEn: "Enrolment in basic medical insurance for urban and rural residents",
    department: "humanResources",
    legalBasis: `${socialInsurance}第二十五条`,
    conditionsZh: "未参加职工基本医疗保险的城乡居民，包括新生儿。",
    conditionsEn: "Residents not covered by employee medical insurance, newborns included.",
    statutoryDays: 5,
    promisedDays: 1,
    feeFen: 0,
    issues: "medicalInsuranceEnrolment",
    applicantKinds: ["citizen"],
    autoAcceptance: false,
    materials: [
      { key: "babyName", legalBasis: `${socialInsurance}第二十五条` },
      { key: "babyBirthDate", legalBasis: `${socialInsurance}第二十五条` },
      { key: "householdAddress", legalBasis: `${socialInsurance}第二十五条` },
      { key: "residentIdCard", legalBasis: `${socialInsurance}第二十五条` },
    ],
  },
  {
    code: "socialSecurityCard",
    nameZh: "社会保障卡申领",
    nameEn: "Application for a social security card",
    department: "humanResources",
    legalBasis: `${socialInsurance}第五十八条`,
    conditionsZh: "参加社会保险的人员，新生儿由父母或者监护人代为申领。",
    conditionsEn: "People covered by social insurance; a parent or guardian applies for a newborn.",
    statutoryDays: 10,
    promisedDays: 5,
    feeFen: 0,
    issues: "socialSecurityCard",
    applicantKinds: ["citizen"],
    autoAcceptance: false,
    materials: [
      { key: "babyName", legalBasis: `${socialInsurance}第五十八条` },
      { key: "babyBirthDate", legalBasis: `${socialInsurance}第五十八条` },
      { key: "residentIdCard", legalBasis: `${socialInsurance}第五十八条` },
      { key: "idPhoto", legalBasis: `${socialInsurance}第五十八条` },
    ],
  },
];

export interface BundleDef {
  code: string;
  nameZh: string;
  nameEn: string;
  descriptionZh: string;
  descriptionEn: string;
  lead: DepartmentCode;
  applicantKinds: Array<"enterprise" | "citizen">;
  requiresCertificateType: string | null;
  steps: Array<{ key: string; service: string; needs: string[] }>;
}

export const bundleDefs: BundleDef[] = [
  {
    code: "startBusiness",
    nameZh: "开办企业“一件事”",
    nameEn: "Start a business",
    descriptionZh: "一次申请，办理企业设立登记、印章刻制、涉税事项、社会保险登记和住房公积金缴存登记。营业执照核发后，其余四项由各部门同时办理。",
    descriptionEn:
      "One application for registration, seals, tax set-up, social insurance and the housing fund. Once the business licence is issued, the four other departments work at the same time.",
    lead: "market",
    applicantKinds: ["citizen"],
    requiresCertificateType: null,
    steps: [
      { key: "businessLicence", service: "enterpriseEstablishment", needs: [] },
      { key: "seal", service: "sealEngraving", needs: ["businessLicence"] },
      { key: "tax", service: "newTaxpayerSetup", needs: ["businessLicence"] },
      { key: "socialInsurance", service: "employerSocialInsurance", needs: ["businessLicence"] },
      { key: "housingFund", service: "employerHousingFund", needs: ["businessLicence"] },
    ],
  },
  {
    code: "openRestaurant",
    nameZh: "开办餐饮店“一件事”",
    nameEn: "Open a restaurant",
    descriptionZh: "已取得营业执照的企业开办餐饮店：食品经营许可、消防安全检查、排水许可和户外招牌审批一次申请，四个部门同步审查。",
    descriptionEn:
      "For an enterprise with a business licence: the food business licence, fire safety inspection, drainage permit and signboard approval in one application, reviewed by four departments at the same time.",
    lead: "market",
    applicantKinds: ["enterprise"],
    requiresCertificateType: "businessLicence",
    steps: [
      { key: "foodBusinessLicence", service: "foodBusinessLicensing", needs: [] },
      { key: "fireSafety", service: "fireSafetyInspection", needs: [] },
      { key: "drainagePermit", service: "drainagePermit", needs: [] },
      { key: "outdoorSignboard", service: "outdoorSignboardPermit", needs: [] },
    ],
  },
  {
    code: "constructionProject",
    nameZh: "社会投资工程建设项目审批“一件事”",
    nameEn: "Approve a privately funded construction project",
    descriptionZh:
      "工程建设项目审批分四个阶段：用地规划与环评、工程建设许可、施工许可、竣工验收。同一阶段的事项并联审批，前一阶段办结后自动进入下一阶段。",
    descriptionEn:
      "Four stages: land use planning and environmental impact, engineering planning, construction permits, completion acceptance. Services of one stage are reviewed in parallel; the next stage starts when the previous one is done.",
    lead: "housing",
    applicantKinds: ["enterprise"],
    requiresCertificateType: null,
    steps: [
      { key: "landUsePlanning", service: "landUsePlanningPermit", needs: [] },
      { key: "environmentalImpact", service: "environmentalImpactApproval", needs: [] },
      { key: "engineeringPlanning", service: "engineeringPlanningPermit", needs: ["landUsePlanning", "environmentalImpact"] },
      { key: "constructionPermit", service: "constructionPermit", needs: ["engineeringPlanning"] },
      { key: "fireDesignReview", service: "fireDesignReview", needs: ["engineeringPlanning"] },
      { key: "completionAcceptance", service: "completionAcceptanceRecord", needs: ["constructionPermit", "fireDesignReview"] },
      { key: "fireAcceptance", service: "fireAcceptance", needs: ["constructionPermit", "fireDesignReview"] },
    ],
  },
  {
    code: "newborn",
    nameZh: "新生儿出生“一件事”",
    nameEn: "A child is born",
    descriptionZh: "出生医学证明签发后，出生登记、城乡居民医保参保登记和社会保障卡申领同时办理，父母只需申请一次。",
    descriptionEn:
      "Once the medical certificate of birth is issued, birth registration, medical insurance enrolment and the social security card are handled at the same time; the parents apply once.",
    lead: "health",
    applicantKinds: ["citizen"],
    requiresCertificateType: null,
    steps: [
      { key: "birthCertificate", service: "birthMedicalCertificate", needs: [] },
      { key: "householdRegistration", service: "birthRegistration", needs: ["birthCertificate"] },
      { key: "medicalInsurance", service: "residentMedicalInsurance", needs: ["birthCertificate"] },
      { key: "socialSecurityCard", service: "socialSecurityCard", needs: ["birthCertificate"] },
    ],
  },
];
