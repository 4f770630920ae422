-- Episode documents are stored as json, not jsonb: nothing queries inside them (searches use the
-- columns beside them), version documents are evidence best kept exactly as written (json keeps the
-- text; jsonb re-encodes it), and the write path then need not convert every document to jsonb.
-- Measured: docs/benchmarks.md (transition-service).
alter table episode alter column document type json using document::json;
alter table episode_version alter column document type json using document::json;
