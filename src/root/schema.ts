// Every module's tables, in one place for Drizzle's query builder and drizzle-kit.
// Relative imports: drizzle-kit does not read tsconfig paths.
export * from "@/modules/identity/schema";
export * from "@/modules/calendar/schema";
export * from "@/modules/divisions/schema";
export * from "@/modules/catalog/schema";
export * from "@/modules/sharing/schema";
export * from "@/modules/recognition/schema";
export * from "@/modules/sharing/registry-schema";
export * from "@/modules/sharing/provider-health-schema";
export * from "@/modules/exchange/schema";
export * from "@/modules/applications/schema";
export * from "@/modules/review/schema";
export * from "@/modules/documents/schema";
export * from "@/modules/audit/schema";
export * from "@/modules/notifications/schema";
export * from "@/modules/registration/schema";
export * from "@/modules/credit/schema";
export * from "@/modules/commitments/schema";
export * from "@/modules/risk/schema";
export * from "@/modules/inspections/schema";
export * from "@/modules/disclosure/schema";
export * from "@/modules/ratings/schema";
export * from "@/modules/serviceIndex/schema";
export * from "@/root/seed/demo-history-schema";
export * from "@/modules/openData/schema";
