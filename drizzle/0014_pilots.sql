CREATE TABLE "pilot_decisions" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"pilot_id" uuid NOT NULL,
	"decision" text NOT NULL,
	"motivation" text NOT NULL,
	"reason" text DEFAULT '' NOT NULL,
	"statuses" jsonb NOT NULL,
	"decided_by" uuid NOT NULL,
	"decided_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "pilot_organisations" (
	"pilot_id" uuid NOT NULL,
	"organisation_id" uuid NOT NULL,
	CONSTRAINT "pilot_organisations_pilot_id_organisation_id_pk" PRIMARY KEY("pilot_id","organisation_id")
);
--> statement-breakpoint
CREATE TABLE "pilot_points" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"pilot_id" uuid NOT NULL,
	"need_id" uuid,
	"position" integer NOT NULL,
	"name" text NOT NULL,
	"unit" text DEFAULT '' NOT NULL,
	"direction" text NOT NULL,
	"baseline_value" double precision,
	"baseline_date" text,
	"baseline_source" text DEFAULT '' NOT NULL,
	"target" double precision NOT NULL,
	"method" text DEFAULT '' NOT NULL,
	"frequency" text DEFAULT '' NOT NULL,
	"responsible" text DEFAULT '' NOT NULL,
	"supplier_reports" boolean DEFAULT false NOT NULL
);
--> statement-breakpoint
CREATE TABLE "pilot_values" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"point_id" uuid NOT NULL,
	"pilot_id" uuid NOT NULL,
	"date" text NOT NULL,
	"value" double precision NOT NULL,
	"note" text DEFAULT '' NOT NULL,
	"recorded_by" uuid NOT NULL,
	"reported_by_organisation_id" uuid,
	"confirmed_by" uuid,
	"confirmed_at" timestamp with time zone,
	"recorded_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "pilots" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"initiative_id" uuid NOT NULL,
	"title" text NOT NULL,
	"kind" text NOT NULL,
	"route" text DEFAULT 'direct_award' NOT NULL,
	"value_sek" bigint NOT NULL,
	"direct_award_reason" text DEFAULT '' NOT NULL,
	"need_ids" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"decision_makers" jsonb NOT NULL,
	"start_date" text,
	"end_date" text,
	"gate_date" text,
	"activities" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"risks" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"advice" jsonb NOT NULL,
	"scale_up" jsonb,
	"created_by" uuid NOT NULL,
	"created_at" timestamp with time zone NOT NULL,
	"updated_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
ALTER TABLE "pilot_decisions" ADD CONSTRAINT "pilot_decisions_pilot_id_pilots_id_fk" FOREIGN KEY ("pilot_id") REFERENCES "public"."pilots"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "pilot_decisions" ADD CONSTRAINT "pilot_decisions_decided_by_users_id_fk" FOREIGN KEY ("decided_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "pilot_organisations" ADD CONSTRAINT "pilot_organisations_pilot_id_pilots_id_fk" FOREIGN KEY ("pilot_id") REFERENCES "public"."pilots"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "pilot_organisations" ADD CONSTRAINT "pilot_organisations_organisation_id_organisations_id_fk" FOREIGN KEY ("organisation_id") REFERENCES "public"."organisations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "pilot_points" ADD CONSTRAINT "pilot_points_pilot_id_pilots_id_fk" FOREIGN KEY ("pilot_id") REFERENCES "public"."pilots"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "pilot_points" ADD CONSTRAINT "pilot_points_need_id_needs_id_fk" FOREIGN KEY ("need_id") REFERENCES "public"."needs"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "pilot_values" ADD CONSTRAINT "pilot_values_point_id_pilot_points_id_fk" FOREIGN KEY ("point_id") REFERENCES "public"."pilot_points"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "pilot_values" ADD CONSTRAINT "pilot_values_pilot_id_pilots_id_fk" FOREIGN KEY ("pilot_id") REFERENCES "public"."pilots"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "pilot_values" ADD CONSTRAINT "pilot_values_recorded_by_users_id_fk" FOREIGN KEY ("recorded_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "pilot_values" ADD CONSTRAINT "pilot_values_reported_by_organisation_id_organisations_id_fk" FOREIGN KEY ("reported_by_organisation_id") REFERENCES "public"."organisations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "pilot_values" ADD CONSTRAINT "pilot_values_confirmed_by_users_id_fk" FOREIGN KEY ("confirmed_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "pilots" ADD CONSTRAINT "pilots_initiative_id_initiatives_id_fk" FOREIGN KEY ("initiative_id") REFERENCES "public"."initiatives"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "pilots" ADD CONSTRAINT "pilots_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "pilot_decisions_pilot_idx" ON "pilot_decisions" USING btree ("pilot_id");--> statement-breakpoint
CREATE INDEX "pilot_organisations_org_idx" ON "pilot_organisations" USING btree ("organisation_id");--> statement-breakpoint
CREATE INDEX "pilot_points_pilot_idx" ON "pilot_points" USING btree ("pilot_id");--> statement-breakpoint
CREATE UNIQUE INDEX "pilot_values_point_date_idx" ON "pilot_values" USING btree ("point_id","date");--> statement-breakpoint
CREATE INDEX "pilot_values_pilot_idx" ON "pilot_values" USING btree ("pilot_id");--> statement-breakpoint
CREATE INDEX "pilots_initiative_idx" ON "pilots" USING btree ("initiative_id");--> statement-breakpoint
-- Numeric indicators on needs (issue 16): parse text baselines and targets that are one number
-- (Swedish decimal comma, space thousands, minus sign, trailing % or the unit), keep the text as
-- the note, and flag the rest for the team (`needsNumbers`). Same rule as src/lib/server/pilots/numbers.ts.
CREATE OR REPLACE FUNCTION brygga_sv_number(t text, unit text) RETURNS double precision LANGUAGE sql IMMUTABLE AS $$
	SELECT CASE WHEN c ~ '^[-+]?[0-9]+(\.[0-9]+)?$' THEN c::double precision END
	FROM (
		SELECT replace(regexp_replace(regexp_replace(btrim(regexp_replace(s1, '%$', '')), '[\s\u00a0\u202f]', '', 'g'), '^' || chr(8722), '-'), ',', '.') AS c
		FROM (
			SELECT CASE
				WHEN btrim(unit) <> '' AND right(lower(btrim(t)), length(btrim(unit))) = lower(btrim(unit)) THEN btrim(left(btrim(t), length(btrim(t)) - length(btrim(unit))))
				ELSE btrim(t)
			END AS s1
		) a
	) b
$$;
--> statement-breakpoint
UPDATE "needs" n SET "indicators" = coalesce((
	SELECT jsonb_agg(
		x.e || jsonb_build_object(
			'baselineValue', to_jsonb(p.bv),
			'targetValue', to_jsonb(p.tv),
			'baselineDate', 'null'::jsonb,
			'baselineSource', '',
			'direction', CASE WHEN p.bv IS NOT NULL AND p.tv IS NOT NULL AND p.tv < p.bv THEN 'down' ELSE 'up' END,
			'needsNumbers', (coalesce(btrim(x.e->>'baseline'), '') <> '' AND p.bv IS NULL) OR (coalesce(btrim(x.e->>'target'), '') <> '' AND p.tv IS NULL)
		) ORDER BY x.ord)
	FROM jsonb_array_elements(n."indicators") WITH ORDINALITY AS x(e, ord),
	LATERAL (SELECT brygga_sv_number(coalesce(x.e->>'baseline', ''), coalesce(x.e->>'unit', '')) AS bv, brygga_sv_number(coalesce(x.e->>'target', ''), coalesce(x.e->>'unit', '')) AS tv) AS p
), '[]'::jsonb)
WHERE jsonb_typeof(n."indicators") = 'array' AND jsonb_array_length(n."indicators") > 0;
--> statement-breakpoint
DROP FUNCTION brygga_sv_number(text, text);
