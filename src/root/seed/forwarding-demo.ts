import type { Db } from "@/server/db/client";
import { openForwarding } from "@/modules/recognition/forwarding-openings";

/**
 * 异地代收代办 in the demo: Tianjin's windows may accept Hebei's food business licence on Hebei's
 * behalf. Both nodes hold the same opening: Hebei's admits forwarded applications for it from
 * Tianjin, Tianjin's offers it at its window, with the service's questions, fields and file
 * materials as Hebei's catalog names them. Seeded only when the other node is a peer.
 */
export const demoForwardingOpening = {
  competentRegion: "hebei",
  acceptingRegion: "tianjin",
  serviceCode: "foodBusinessLicensing",
  nameZh: "食品经营许可（河北省）",
  nameEn: "Food business licence (Hebei)",
  legalBasis: "《国务院办公厅关于加快推进政务服务“跨省通办”的指导意见》（国办发〔2020〕35号）：异地代收代办",
  situations: [
    {
      key: "applicantType",
      nameZh: "申请人类型",
      nameEn: "Type of applicant",
      options: [
        { value: "company", labelZh: "公司", labelEn: "Company" },
        { value: "individual", labelZh: "个体工商户", labelEn: "Individual business" },
      ],
    },
    {
      key: "premises",
      nameZh: "经营场所",
      nameEn: "Premises",
      options: [
        { value: "newShop", labelZh: "新开店铺", labelEn: "A new shop" },
        { value: "existingShop", labelZh: "现有店铺（布局、流程不变）", labelEn: "An existing shop (layout and process unchanged)" },
      ],
    },
  ],
  fields: [
    { key: "businessAddress", nameZh: "住所（经营场所）", nameEn: "Registered address (place of business)" },
    { key: "diningArea", nameZh: "经营场所面积（平方米）", nameEn: "Floor area of the premises (m²)" },
    { key: "foodSafetyManager", nameZh: "食品安全管理人员姓名", nameEn: "Name of the food safety manager" },
  ],
  materials: [
    { key: "businessLicence", nameZh: "营业执照（窗口核验原件后的复印件）", nameEn: "Business licence (copy, original checked at the window)" },
    { key: "premisesFloorPlan", nameZh: "经营场所平面布局图", nameEn: "Floor plan of the premises" },
    { key: "foodSafetyRules", nameZh: "食品安全管理制度", nameEn: "Food safety management rules" },
  ],
};

/** Opens the demo's forwardable service on this node when the other region is a peer. */
export async function seedForwardingDemo(db: Db, region: string, peerRegions: readonly string[]): Promise<void> {
  const o = demoForwardingOpening;
  const other = region === o.competentRegion ? o.acceptingRegion : region === o.acceptingRegion ? o.competentRegion : null;
  if (!other || !peerRegions.includes(other)) return;
  await openForwarding(db, o);
}
