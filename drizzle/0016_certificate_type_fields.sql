ALTER TABLE "certificate_types" ADD COLUMN "updated_at" timestamp with time zone DEFAULT now() NOT NULL;--> statement-breakpoint
ALTER TABLE "certificates" ADD COLUMN "declared_fields_only" boolean DEFAULT false NOT NULL;--> statement-breakpoint
-- Certificate types declared their fields as a list of keys; each becomes a declared field (its
-- key as its name, a text value filled by the answer of that key, or by the registry for the
-- holder's name and code, and shared). A province file imported afterwards gives the real names,
-- types and sources; the demo seed replaces definitions still in this converted shape.
UPDATE "certificate_types" SET "fields" = coalesce((
  SELECT jsonb_agg(jsonb_build_object(
    'key', k.key, 'nameZh', k.key, 'nameEn', k.key, 'type', 'text',
    'source', CASE WHEN k.key IN ('holderName', 'holderCode') THEN jsonb_build_object('registry', k.key) ELSE jsonb_build_object('answer', k.key) END,
    'shared', true) ORDER BY k.ord)
  FROM jsonb_array_elements_text("fields") WITH ORDINALITY AS k(key, ord)
), '[]'::jsonb)
WHERE jsonb_typeof("fields") = 'array' AND EXISTS (SELECT 1 FROM jsonb_array_elements("fields") e WHERE jsonb_typeof(e) = 'string');
--> statement-breakpoint
-- The sharing catalog's field list of a certificate resource is its type's shared fields: one
-- definition. The resource's own copy is emptied (it is read from the type from now on).
UPDATE "data_resources" SET "fields" = '[]'::jsonb WHERE "certificate_type_code" IS NOT NULL;
