import "./effects";
import { applicationsRouter } from "@/modules/applications/router";
import { calendarRouter } from "@/modules/calendar/router";
import { catalogRouter } from "@/modules/catalog/router";
import { identityRouter } from "@/modules/identity/router";
import { notificationsRouter } from "@/modules/notifications/router";
import { openDataRouter } from "@/modules/openData/router";
import { reviewRouter } from "@/modules/review/router";
import { registrationRouter } from "@/modules/registration/router";
import { sharingRouter } from "@/modules/sharing/router";
import { recognitionRouter } from "@/modules/recognition/router";
import { serviceIndexRouter } from "@/modules/serviceIndex/router";
import { commitmentsRouter } from "@/modules/commitments/router";
import { creditRouter } from "@/modules/credit/router";
import { riskRouter } from "@/modules/risk/router";
import { inspectionsRouter } from "@/modules/inspections/router";
import { disclosureRouter } from "@/modules/disclosure/router";
import { ratingsRouter } from "@/modules/ratings/router";
import { documentsRouter } from "@/modules/documents/router";
import { dashboardRouter } from "@/modules/dashboard/router";
import { exchangeRouter } from "@/modules/exchange/router";
import { createCallerFactory, createTRPCRouter } from "@/server/trpc/init";

export const appRouter = createTRPCRouter({
  identity: identityRouter,
  applications: applicationsRouter,
  catalog: catalogRouter,
  review: reviewRouter,
  notifications: notificationsRouter,
  sharing: sharingRouter,
  recognition: recognitionRouter,
  exchange: exchangeRouter,
  documents: documentsRouter,
  registration: registrationRouter,
  openData: openDataRouter,
  calendar: calendarRouter,
  credit: creditRouter,
  risk: riskRouter,
  commitments: commitmentsRouter,
  inspections: inspectionsRouter,
  disclosure: disclosureRouter,
  ratings: ratingsRouter,
  serviceIndex: serviceIndexRouter,
  dashboard: dashboardRouter,
});

export type AppRouter = typeof appRouter;

export const createCaller = createCallerFactory(appRouter);
