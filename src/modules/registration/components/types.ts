import type { inferRouterOutputs } from "@trpc/server";
import type { AppRouter } from "@/root/router";

type Outputs = inferRouterOutputs<AppRouter>["registration"];

/** What the start-a-business forms offer (`registration.options`). */
export type RegistrationOptions = Outputs["options"];
/** The founder's live name reservations (`registration.myReservations`). */
export type NameReservation = Outputs["myReservations"][number];
export type NameCheckResult = Outputs["checkName"];
/** The enterprise's registered particulars from its licence, for the change and deregistration forms (`registration.lifecycleOptions`). */
export type LifecycleOptions = Extract<Outputs["lifecycleOptions"], { available: true }>;
