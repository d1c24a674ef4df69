import { z } from "zod";
import { catalogChanged } from "@/server/public-pages";
import { createTRPCRouter, dataOfficeProcedure, publicProcedure } from "@/server/trpc/init";
import { listCertificateTypes, saveCertificateType } from "./certificate-types";
import { createBundle } from "./create-bundle";
import { createService } from "./create-service";
import { getGuide } from "./get-guide";
import {
  ZCreateBundleInput,
  ZCreateServiceInput,
  ZGuideInput,
  ZPlanInput,
  ZPublishBundleInput,
  ZRemoveMaterialInput,
  ZSaveCertificateTypeInput,
  ZSaveMaterialInput,
  ZSetBundleStepsInput,
  ZUpdateServiceInput,
} from "./inputs";
import { getCatalogLint } from "./lint-catalog";
import { listCatalogAdmin } from "./list-catalog-admin";
import { listGuides } from "./list-guides";
import { loadApplicationPlan } from "./load-application-plan";
import { publishBundle } from "./publish-bundle";
import { removeMaterial } from "./remove-material";
import { saveMaterial } from "./save-material";
import { setBundleSteps } from "./set-bundle-steps";
import { updateService } from "./update-service";
import { ZApplicationPlan, ZCatalogAdmin, ZCatalogLint, ZCertificateTypeAdmin, ZGuide, ZGuideList } from "./views";

const ZServiceUpdated = z.object({
  code: z.string(),
  statutoryDays: z.number(),
  promisedDays: z.number(),
  feeFen: z.number(),
  autoAcceptance: z.boolean(),
  deemedApprovalOnTimeout: z.boolean(),
  published: z.boolean(),
});
const ZStepsSet = z.object({ bundleCode: z.string(), steps: z.array(z.object({ key: z.string(), needs: z.array(z.string()), stage: z.number() })) });

const ZCreated = z.object({ code: z.string(), catalogVersion: z.number() });
const ZMaterialSaved = z.object({ serviceCode: z.string(), key: z.string(), catalogVersion: z.number() });
const ZBundlePublished = z.object({ code: z.string(), published: z.boolean(), catalogVersion: z.number().nullable() });

/**
 * A change to the catalog: once it is committed, this node reads the new catalog version before
 * answering, so the public pages' copies (src/server/page-cache.ts) are rendered anew for the next
 * visitor, the data office's own look at the guide included.
 */
const catalogEditProcedure = dataOfficeProcedure.use(async ({ next }) => {
  const result = await next();
  if (result.ok) await catalogChanged();
  return result;
});

export const catalogRouter = createTRPCRouter({
  guides: publicProcedure.output(ZGuideList).query(({ ctx }) => listGuides(ctx.db)),
  guide: publicProcedure
    .input(ZGuideInput)
    .output(ZGuide)
    .query(({ ctx, input }) => getGuide(ctx.db, input)),
  plan: publicProcedure
    .input(ZPlanInput)
    .output(ZApplicationPlan)
    .query(({ ctx, input }) => loadApplicationPlan(ctx.db, input)),
  adminList: dataOfficeProcedure.output(ZCatalogAdmin).query(({ ctx }) => listCatalogAdmin(ctx.db)),
  lint: dataOfficeProcedure.output(ZCatalogLint).query(({ ctx }) => getCatalogLint(ctx.db)),
  updateService: catalogEditProcedure
    .input(ZUpdateServiceInput)
    .output(ZServiceUpdated)
    .mutation(({ ctx, input }) => updateService(ctx.db, ctx.actor, input)),
  certificateTypes: dataOfficeProcedure.output(ZCertificateTypeAdmin).query(({ ctx }) => listCertificateTypes(ctx.db)),
  saveCertificateType: catalogEditProcedure
    .input(ZSaveCertificateTypeInput)
    .output(z.object({ code: z.string(), created: z.boolean() }))
    .mutation(({ ctx, input }) => saveCertificateType(ctx.db, ctx.actor, input)),
  setBundleSteps: catalogEditProcedure
    .input(ZSetBundleStepsInput)
    .output(ZStepsSet)
    .mutation(({ ctx, input }) => setBundleSteps(ctx.db, ctx.actor, input)),
  createService: catalogEditProcedure
    .input(ZCreateServiceInput)
    .output(ZCreated)
    .mutation(({ ctx, input }) => createService(ctx.db, ctx.actor, input)),
  addMaterial: catalogEditProcedure
    .input(ZSaveMaterialInput)
    .output(ZMaterialSaved)
    .mutation(({ ctx, input }) => saveMaterial(ctx.db, ctx.actor, input, "add")),
  updateMaterial: catalogEditProcedure
    .input(ZSaveMaterialInput)
    .output(ZMaterialSaved)
    .mutation(({ ctx, input }) => saveMaterial(ctx.db, ctx.actor, input, "update")),
  removeMaterial: catalogEditProcedure
    .input(ZRemoveMaterialInput)
    .output(ZMaterialSaved)
    .mutation(({ ctx, input }) => removeMaterial(ctx.db, ctx.actor, input)),
  createBundle: catalogEditProcedure
    .input(ZCreateBundleInput)
    .output(ZCreated)
    .mutation(({ ctx, input }) => createBundle(ctx.db, ctx.actor, input)),
  publishBundle: catalogEditProcedure
    .input(ZPublishBundleInput)
    .output(ZBundlePublished)
    .mutation(({ ctx, input }) => publishBundle(ctx.db, ctx.actor, input)),
});
