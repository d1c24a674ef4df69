import identityEn from "@/modules/identity/messages.en.json";
import identityZh from "@/modules/identity/messages.zh-CN.json";
import applicationsEn from "@/modules/applications/messages.en.json";
import applicationsZh from "@/modules/applications/messages.zh-CN.json";
import notificationsEn from "@/modules/notifications/messages.en.json";
import notificationsZh from "@/modules/notifications/messages.zh-CN.json";
import reviewEn from "@/modules/review/messages.en.json";
import reviewZh from "@/modules/review/messages.zh-CN.json";
import reviewOpsEn from "@/modules/review/messages.ops.en.json";
import reviewOpsZh from "@/modules/review/messages.ops.zh-CN.json";
import calendarEn from "@/modules/calendar/messages.en.json";
import calendarZh from "@/modules/calendar/messages.zh-CN.json";
import catalogEn from "@/modules/catalog/messages.en.json";
import catalogZh from "@/modules/catalog/messages.zh-CN.json";
import openDataEn from "@/modules/openData/messages.en.json";
import openDataZh from "@/modules/openData/messages.zh-CN.json";
import exchangeEn from "@/modules/exchange/messages.en.json";
import exchangeZh from "@/modules/exchange/messages.zh-CN.json";
import sharingEn from "@/modules/sharing/messages.en.json";
import sharingZh from "@/modules/sharing/messages.zh-CN.json";
import sharingHolderEn from "@/modules/sharing/messages.holder.en.json";
import sharingHolderZh from "@/modules/sharing/messages.holder.zh-CN.json";
import sharingOfficeEn from "@/modules/sharing/messages.office.en.json";
import sharingOfficeZh from "@/modules/sharing/messages.office.zh-CN.json";
import recognitionEn from "@/modules/recognition/messages.en.json";
import recognitionZh from "@/modules/recognition/messages.zh-CN.json";
import registrationEn from "@/modules/registration/messages.en.json";
import registrationZh from "@/modules/registration/messages.zh-CN.json";
import registrationFormEn from "@/modules/registration/messages.form.en.json";
import registrationFormZh from "@/modules/registration/messages.form.zh-CN.json";
import registrationLifecycleEn from "@/modules/registration/messages.lifecycle.en.json";
import registrationLifecycleZh from "@/modules/registration/messages.lifecycle.zh-CN.json";
import documentsEn from "@/modules/documents/messages.en.json";
import documentsZh from "@/modules/documents/messages.zh-CN.json";
import commitmentsEn from "@/modules/commitments/messages.en.json";
import commitmentsZh from "@/modules/commitments/messages.zh-CN.json";
import creditEn from "@/modules/credit/messages.en.json";
import creditZh from "@/modules/credit/messages.zh-CN.json";
import riskEn from "@/modules/risk/messages.en.json";
import riskZh from "@/modules/risk/messages.zh-CN.json";
import inspectionsEn from "@/modules/inspections/messages.en.json";
import inspectionsZh from "@/modules/inspections/messages.zh-CN.json";
import disclosureEn from "@/modules/disclosure/messages.en.json";
import disclosureZh from "@/modules/disclosure/messages.zh-CN.json";
import ratingsEn from "@/modules/ratings/messages.en.json";
import ratingsZh from "@/modules/ratings/messages.zh-CN.json";
import serviceIndexEn from "@/modules/serviceIndex/messages.en.json";
import serviceIndexZh from "@/modules/serviceIndex/messages.zh-CN.json";
import dashboardEn from "@/modules/dashboard/messages.en.json";
import dashboardZh from "@/modules/dashboard/messages.zh-CN.json";
import type { Locale } from "@/i18n/locales";

// Each module's messages, under the module's name (e.g. `catalog.guide.title`).
// Add a module here with its two files; both languages must have the same keys (a test checks).
export const moduleMessages: Record<Locale, Record<string, unknown>> = {
  "zh-CN": {
    identity: identityZh,
    calendar: calendarZh,
    catalog: catalogZh,
    applications: applicationsZh,
    review: { ...reviewZh, ...reviewOpsZh },
    documents: documentsZh,
    notifications: notificationsZh,
    sharing: { ...sharingZh, ...sharingHolderZh, ...sharingOfficeZh },
    recognition: recognitionZh,
    exchange: exchangeZh,
    openData: openDataZh,
    registration: { ...registrationZh, ...registrationFormZh, ...registrationLifecycleZh },
    credit: creditZh,
    risk: riskZh,
    commitments: commitmentsZh,
    inspections: inspectionsZh,
    disclosure: disclosureZh,
    ratings: ratingsZh,
    serviceIndex: serviceIndexZh,
    dashboard: dashboardZh,
  },
  en: {
    identity: identityEn,
    calendar: calendarEn,
    catalog: catalogEn,
    applications: applicationsEn,
    review: { ...reviewEn, ...reviewOpsEn },
    documents: documentsEn,
    notifications: notificationsEn,
    sharing: { ...sharingEn, ...sharingHolderEn, ...sharingOfficeEn },
    recognition: recognitionEn,
    exchange: exchangeEn,
    openData: openDataEn,
    registration: { ...registrationEn, ...registrationFormEn, ...registrationLifecycleEn },
    credit: creditEn,
    risk: riskEn,
    commitments: commitmentsEn,
    inspections: inspectionsEn,
    disclosure: disclosureEn,
    ratings: ratingsEn,
    serviceIndex: serviceIndexEn,
    dashboard: dashboardEn,
  },
};
