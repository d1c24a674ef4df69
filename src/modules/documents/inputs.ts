import { z } from "zod";
import { msg } from "@/lib/message";
import { documentNumberPattern } from "./model";

export const ZDocumentNumber = z.string().trim().max(64, msg("documents.validation.number")).regex(documentNumberPattern, msg("documents.validation.number"));

export const ZVerifyDocumentInput = z.object({ number: ZDocumentNumber });
export const ZCaseDocumentsInput = z.object({ applicationId: z.uuid() });
export const ZCaseDocumentInput = z.object({ documentId: z.uuid() });
