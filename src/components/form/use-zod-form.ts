"use client";

import { zodResolver } from "@hookform/resolvers/zod";
import { TRPCClientError } from "@trpc/client";
import { useForm, type FieldValues, type Path, type UseFormProps, type UseFormReturn } from "react-hook-form";
import type { z } from "zod";

/** A React Hook Form bound to the same zod schema the server validates with. */
export function useZodForm<TSchema extends z.ZodType<FieldValues, FieldValues>>(
  schema: TSchema,
  options?: Omit<UseFormProps<z.input<TSchema>, unknown, z.output<TSchema>>, "resolver">,
): UseFormReturn<z.input<TSchema>, unknown, z.output<TSchema>> {
  return useForm<z.input<TSchema>, unknown, z.output<TSchema>>({ mode: "onTouched", ...options, resolver: zodResolver(schema as never) as never });
}

interface ServerErrorData {
  fieldErrors?: Record<string, string[]> | null;
}

/**
 * Puts a server error where the user will see it: each field error on its field, anything else
 * on the form as a whole (`root.server`).
 */
export function applyServerErrors<T extends FieldValues>(form: UseFormReturn<T, unknown, FieldValues>, error: unknown): void {
  const fallback = error instanceof Error ? error.message : String(error);
  if (error instanceof TRPCClientError) {
    const data = error.data as ServerErrorData | undefined;
    const fieldErrors = data?.fieldErrors ?? {};
    const fields = Object.entries(fieldErrors).filter(([name]) => name !== "_form");
    for (const [name, messages] of fields) {
      form.setError(name as Path<T>, { type: "server", message: messages[0] }, { shouldFocus: true });
    }
    if (fields.length > 0) return;
  }
  form.setError("root.server", { type: "server", message: fallback });
}
