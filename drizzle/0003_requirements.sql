CREATE TABLE "conflict_records" (
	"initiative_id" uuid NOT NULL,
	"organisation_id" uuid NOT NULL,
	"level" text NOT NULL,
	"first_seen_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "conflict_records_initiative_id_organisation_id_level_pk" PRIMARY KEY("initiative_id","organisation_id","level")
);
--> statement-breakpoint
CREATE TABLE "procurement_thresholds" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"name" text NOT NULL,
	"buyer_kind" text,
	"purchase_kind" text,
	"sek" bigint NOT NULL,
	"valid_from" date NOT NULL,
	"valid_to" date,
	"source" text NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "requirement_comments" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"initiative_id" uuid NOT NULL,
	"requirement_uid" text NOT NULL,
	"author_id" uuid NOT NULL,
	"body" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "requirement_versions" (
	"initiative_id" uuid NOT NULL,
	"version" integer NOT NULL,
	"content" text NOT NULL,
	"sha256" text NOT NULL,
	"note" text,
	"published_by" uuid NOT NULL,
	"published_by_name" text NOT NULL,
	"published_at" timestamp with time zone NOT NULL,
	CONSTRAINT "requirement_versions_initiative_id_version_pk" PRIMARY KEY("initiative_id","version")
);
--> statement-breakpoint
ALTER TABLE "conflict_records" ADD CONSTRAINT "conflict_records_initiative_id_initiatives_id_fk" FOREIGN KEY ("initiative_id") REFERENCES "public"."initiatives"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "conflict_records" ADD CONSTRAINT "conflict_records_organisation_id_organisations_id_fk" FOREIGN KEY ("organisation_id") REFERENCES "public"."organisations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "requirement_comments" ADD CONSTRAINT "requirement_comments_initiative_id_initiatives_id_fk" FOREIGN KEY ("initiative_id") REFERENCES "public"."initiatives"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "requirement_comments" ADD CONSTRAINT "requirement_comments_author_id_users_id_fk" FOREIGN KEY ("author_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "requirement_versions" ADD CONSTRAINT "requirement_versions_initiative_id_initiatives_id_fk" FOREIGN KEY ("initiative_id") REFERENCES "public"."initiatives"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "requirement_versions" ADD CONSTRAINT "requirement_versions_published_by_users_id_fk" FOREIGN KEY ("published_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "procurement_thresholds_name_idx" ON "procurement_thresholds" USING btree ("name","valid_from");--> statement-breakpoint
CREATE INDEX "requirement_comments_idx" ON "requirement_comments" USING btree ("initiative_id","requirement_uid","created_at");--> statement-breakpoint
-- Published requirement versions are immutable: rows can be added, never changed or removed.
CREATE OR REPLACE FUNCTION requirement_versions_refuse_change() RETURNS trigger AS $$
BEGIN
  RAISE EXCEPTION 'requirement_versions is append-only (% refused)', TG_OP USING ERRCODE = 'insufficient_privilege';
END;
$$ LANGUAGE plpgsql;
--> statement-breakpoint
CREATE TRIGGER requirement_versions_no_update BEFORE UPDATE OR DELETE ON requirement_versions
  FOR EACH ROW EXECUTE FUNCTION requirement_versions_refuse_change();
--> statement-breakpoint
CREATE TRIGGER requirement_versions_no_truncate BEFORE TRUNCATE ON requirement_versions
  FOR EACH STATEMENT EXECUTE FUNCTION requirement_versions_refuse_change();
--> statement-breakpoint
-- Thresholds (SEK, excl. VAT). Sources: seed 000 (2020 figures, Upphandlingsmyndigheten);
-- Konkurrensverket "Tröskelvärden och direktupphandlingsgränser 1 januari 2022–31 december 2023";
-- Upphandlingsmyndigheten "Tröskelvärden och direktupphandlingsgräns i kronor (SEK) från 1 januari 2024".
INSERT INTO procurement_thresholds (name, buyer_kind, purchase_kind, sek, valid_from, valid_to, source) VALUES
  ('direct_award', NULL, 'goods', 615312, '2020-01-01', '2021-12-31', 'LOU 19 kap. 2 § (28 % av tröskelvärdet), Upphandlingsmyndigheten, värden från 1 januari 2020'),
  ('direct_award', NULL, 'services', 615312, '2020-01-01', '2021-12-31', 'LOU 19 kap. 2 § (28 % av tröskelvärdet), Upphandlingsmyndigheten, värden från 1 januari 2020'),
  ('direct_award', NULL, 'works', 615312, '2020-01-01', '2021-12-31', 'LOU 19 kap. 2 § (28 % av tröskelvärdet), Upphandlingsmyndigheten, värden från 1 januari 2020'),
  ('direct_award', NULL, 'social_services', 615312, '2020-01-01', '2021-12-31', 'LOU 19 kap. 2 §, Upphandlingsmyndigheten, värden från 1 januari 2020'),
  ('direct_award', NULL, 'welfare_services', 2156469, '2020-01-01', '2021-12-31', 'LOU 19 a kap. (undantag från annonseringsskyldighet), Upphandlingsmyndigheten, värden från 1 januari 2020'),
  ('direct_award', NULL, 'goods', 626284, '2022-01-01', '2022-01-31', 'LOU 19 kap. 2 § (28 % av tröskelvärdet) till 31 januari 2022, SKR "Tröskelvärdena höjs den 1 januari 2022"'),
  ('direct_award', NULL, 'goods', 700000, '2022-02-01', NULL, 'LOU 19 kap. 2 § (fast belopp från 1 februari 2022), Konkurrensverket / Upphandlingsmyndigheten'),
  ('direct_award', NULL, 'services', 626284, '2022-01-01', '2022-01-31', 'LOU 19 kap. 2 § (28 % av tröskelvärdet) till 31 januari 2022, SKR "Tröskelvärdena höjs den 1 januari 2022"'),
  ('direct_award', NULL, 'services', 700000, '2022-02-01', NULL, 'LOU 19 kap. 2 § (fast belopp från 1 februari 2022), Konkurrensverket / Upphandlingsmyndigheten'),
  ('direct_award', NULL, 'works', 626284, '2022-01-01', '2022-01-31', 'LOU 19 kap. 2 § (28 % av tröskelvärdet) till 31 januari 2022, SKR "Tröskelvärdena höjs den 1 januari 2022"'),
  ('direct_award', NULL, 'works', 700000, '2022-02-01', NULL, 'LOU 19 kap. 2 § (fast belopp från 1 februari 2022), Konkurrensverket / Upphandlingsmyndigheten'),
  ('direct_award', NULL, 'social_services', 7802550, '2022-01-01', '2023-12-31', 'LOU 19 kap. 2 § (lika med tröskelvärdet för sociala tjänster), Konkurrensverket, 2022–2023'),
  ('direct_award', NULL, 'welfare_services', 7802550, '2022-01-01', '2023-12-31', 'LOU 19 kap. 2 § (lika med tröskelvärdet för sociala tjänster), Konkurrensverket, 2022–2023'),
  ('direct_award', NULL, 'social_services', 8109450, '2024-01-01', NULL, 'LOU 19 kap. 2 § (lika med tröskelvärdet för sociala tjänster), Upphandlingsmyndigheten, från 1 januari 2024'),
  ('direct_award', NULL, 'welfare_services', 8109450, '2024-01-01', NULL, 'LOU 19 kap. 2 § (lika med tröskelvärdet för sociala tjänster), Upphandlingsmyndigheten, från 1 januari 2024'),
  ('eu_threshold', 'central_government', 'goods', 1456476, '2022-01-01', '2023-12-31', 'Kommissionens förordning (EU) 2021/1952: 140 000 EUR; Konkurrensverket 2022–2023'),
  ('eu_threshold', 'central_government', 'services', 1456476, '2022-01-01', '2023-12-31', 'Kommissionens förordning (EU) 2021/1952: 140 000 EUR; Konkurrensverket 2022–2023'),
  ('eu_threshold', 'municipality_region', 'goods', 2236731, '2022-01-01', '2023-12-31', 'Kommissionens förordning (EU) 2021/1952: 215 000 EUR; Konkurrensverket 2022–2023'),
  ('eu_threshold', 'municipality_region', 'services', 2236731, '2022-01-01', '2023-12-31', 'Kommissionens förordning (EU) 2021/1952: 215 000 EUR; Konkurrensverket 2022–2023'),
  ('eu_threshold', NULL, 'works', 55991099, '2022-01-01', '2023-12-31', 'Kommissionens förordning (EU) 2021/1952: 5 382 000 EUR; Konkurrensverket 2022–2023'),
  ('eu_threshold', NULL, 'social_services', 7802550, '2022-01-01', '2023-12-31', 'Direktiv 2014/24/EU art. 4 d: 750 000 EUR; Konkurrensverket 2022–2023'),
  ('eu_threshold', NULL, 'welfare_services', 7802550, '2022-01-01', '2023-12-31', 'Direktiv 2014/24/EU art. 4 d: 750 000 EUR; Konkurrensverket 2022–2023'),
  ('eu_threshold', 'central_government', 'goods', 1546202, '2024-01-01', NULL, 'Kommissionens förordning (EU) 2023/2495: 143 000 EUR; Upphandlingsmyndigheten från 1 januari 2024'),
  ('eu_threshold', 'central_government', 'services', 1546202, '2024-01-01', NULL, 'Kommissionens förordning (EU) 2023/2495: 143 000 EUR; Upphandlingsmyndigheten från 1 januari 2024'),
  ('eu_threshold', 'municipality_region', 'goods', 2389585, '2024-01-01', NULL, 'Kommissionens förordning (EU) 2023/2495: 221 000 EUR; Upphandlingsmyndigheten från 1 januari 2024'),
  ('eu_threshold', 'municipality_region', 'services', 2389585, '2024-01-01', NULL, 'Kommissionens förordning (EU) 2023/2495: 221 000 EUR; Upphandlingsmyndigheten från 1 januari 2024'),
  ('eu_threshold', NULL, 'works', 59880179, '2024-01-01', NULL, 'Kommissionens förordning (EU) 2023/2495: 5 538 000 EUR; Upphandlingsmyndigheten från 1 januari 2024'),
  ('eu_threshold', NULL, 'social_services', 8109450, '2024-01-01', NULL, 'Direktiv 2014/24/EU art. 4 d: 750 000 EUR; Upphandlingsmyndigheten från 1 januari 2024'),
  ('eu_threshold', NULL, 'welfare_services', 8109450, '2024-01-01', NULL, 'Direktiv 2014/24/EU art. 4 d: 750 000 EUR; Upphandlingsmyndigheten från 1 januari 2024');
