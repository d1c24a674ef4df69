// Every module's tables, in one place for Drizzle's query builder and drizzle-kit.
// Relative imports: drizzle-kit does not read tsconfig paths.
export * from "../../modules/identity/schema";
export * from "../../modules/calendar/schema";
export * from "../../modules/divisions/schema";
