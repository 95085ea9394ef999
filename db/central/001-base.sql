-- 1: the central database of all desks. Every station uploads its audit
-- events; the records they carry are kept in tables of the same names and
-- columns as the station's, each record under its UUIDv7 ("id"), references
-- by the ids of what they name. Times are timestamptz (UTC).
CREATE TABLE rs.stations (
  id uuid PRIMARY KEY,
  name text,
  high_water bigint NOT NULL DEFAULT 0 CHECK (high_water >= 0),
  last_hash text,
  first_seen timestamptz NOT NULL DEFAULT now(),
  last_upload timestamptz);

CREATE TABLE rs.events (
  event_id uuid PRIMARY KEY,
  station uuid NOT NULL REFERENCES rs.stations(id),
  seq bigint NOT NULL CHECK (seq > 0),
  at timestamptz NOT NULL,
  actor text NOT NULL,
  action text NOT NULL,
  entity text NOT NULL,
  entity_id bigint,
  entity_uid uuid,
  detail text NOT NULL,
  fields jsonb,
  hv integer NOT NULL,
  prev_hash text NOT NULL,
  hash text NOT NULL,
  received_at timestamptz NOT NULL DEFAULT now(),
  UNIQUE (station, seq));
CREATE INDEX events_entity ON rs.events(entity_uid);
CREATE INDEX events_at ON rs.events(at);

-- What a station sends, inside its upload's transaction only: apply_batch
-- takes the rows out again before the transaction commits (so nothing of
-- it needs the write-ahead log).
CREATE UNLOGGED TABLE rs.inbox (
  event_id uuid NOT NULL,
  station uuid NOT NULL,
  seq bigint NOT NULL,
  at timestamptz NOT NULL,
  actor text NOT NULL,
  action text NOT NULL,
  entity text NOT NULL,
  entity_id bigint,
  entity_uid uuid,
  detail text NOT NULL,
  fields text,
  hv integer NOT NULL,
  prev_hash text NOT NULL,
  hash text NOT NULL);
CREATE INDEX inbox_station ON rs.inbox(station, seq);

-- The records. station, seq and ev_at: the event that last wrote the row.
CREATE TABLE rs.operators (
  id uuid PRIMARY KEY, badge text NOT NULL, name text NOT NULL,
  active integer NOT NULL, created_at timestamptz, pin_hash text,
  station uuid NOT NULL, seq bigint NOT NULL, ev_at timestamptz NOT NULL);
CREATE INDEX operators_badge ON rs.operators(badge);
CREATE TABLE rs.operator_roles (
  operator_id uuid NOT NULL, role text NOT NULL,
  PRIMARY KEY (operator_id, role));
CREATE TABLE rs.products (
  id uuid PRIMARY KEY, model text NOT NULL, name text NOT NULL,
  spec text NOT NULL DEFAULT '', default_cct integer, outsourced integer,
  potted integer, special integer, active integer,
  station uuid NOT NULL, seq bigint NOT NULL, ev_at timestamptz NOT NULL);
CREATE INDEX products_model ON rs.products(lower(model));
CREATE TABLE rs.product_barcodes (
  barcode text NOT NULL, product_id uuid NOT NULL,
  PRIMARY KEY (product_id, barcode));
CREATE TABLE rs.fault_causes (
  code text PRIMARY KEY, name text NOT NULL, active integer NOT NULL,
  station uuid NOT NULL, seq bigint NOT NULL, ev_at timestamptz NOT NULL);
-- owner: the station that holds the goods; only its moves apply
CREATE TABLE rs.cases (
  id uuid PRIMARY KEY, case_no text NOT NULL, waybill text NOT NULL,
  carrier text NOT NULL, received_at timestamptz NOT NULL,
  received_date date NOT NULL, kind text, condition text NOT NULL,
  state text NOT NULL, area text, area_name text,
  not_our_product integer NOT NULL, customer text, phone text,
  service_rep text, complaint text, opened_by uuid,
  updated_at timestamptz NOT NULL, registered_at timestamptz,
  reject_reason text, contact text, address text, order_no text,
  mismatch text, imported integer NOT NULL DEFAULT 0,
  owner uuid NOT NULL,
  station uuid NOT NULL, seq bigint NOT NULL, ev_at timestamptz NOT NULL);
CREATE INDEX cases_waybill ON rs.cases(waybill);
CREATE INDEX cases_case_no ON rs.cases(case_no);
CREATE INDEX cases_received ON rs.cases(received_date);
CREATE INDEX cases_state ON rs.cases(state);
CREATE TABLE rs.items (
  id uuid PRIMARY KEY, case_id uuid NOT NULL, product_id uuid,
  model text NOT NULL, spec text NOT NULL DEFAULT '', cct integer,
  quantity integer NOT NULL, accessories_missing text NOT NULL DEFAULT '',
  note text NOT NULL DEFAULT '', draft integer NOT NULL,
  station uuid NOT NULL, seq bigint NOT NULL, ev_at timestamptz NOT NULL);
CREATE INDEX items_case ON rs.items(case_id);
CREATE TABLE rs.repairs (
  id uuid PRIMARY KEY, case_id uuid NOT NULL, technician_id uuid NOT NULL,
  cause text NOT NULL, result text NOT NULL, note text NOT NULL DEFAULT '',
  at timestamptz NOT NULL,
  station uuid NOT NULL, seq bigint NOT NULL, ev_at timestamptz NOT NULL);
CREATE INDEX repairs_case ON rs.repairs(case_id);
CREATE TABLE rs.repair_parts (
  repair_id uuid NOT NULL, part text NOT NULL, quantity integer NOT NULL);
CREATE INDEX repair_parts_repair ON rs.repair_parts(repair_id);
CREATE TABLE rs.inspections (
  id uuid PRIMARY KEY, case_id uuid NOT NULL, inspector_id uuid NOT NULL,
  result text NOT NULL, sample_size integer, returned_qty integer NOT NULL,
  note text NOT NULL DEFAULT '', at timestamptz NOT NULL,
  station uuid NOT NULL, seq bigint NOT NULL, ev_at timestamptz NOT NULL);
CREATE INDEX inspections_case ON rs.inspections(case_id);
CREATE TABLE rs.signoffs (
  id uuid PRIMARY KEY, case_id uuid NOT NULL, finance_id uuid NOT NULL,
  at timestamptz NOT NULL,
  station uuid NOT NULL, seq bigint NOT NULL, ev_at timestamptz NOT NULL);
CREATE INDEX signoffs_case ON rs.signoffs(case_id);
CREATE TABLE rs.shipments (
  id uuid PRIMARY KEY, case_id uuid NOT NULL, waybill text NOT NULL,
  carrier text NOT NULL, reason text, shipped_by uuid NOT NULL,
  at timestamptz NOT NULL,
  station uuid NOT NULL, seq bigint NOT NULL, ev_at timestamptz NOT NULL);
CREATE INDEX shipments_case ON rs.shipments(case_id);
CREATE TABLE rs.supplier_trips (
  id uuid PRIMARY KEY, case_id uuid NOT NULL, supplier text NOT NULL,
  sent_at timestamptz NOT NULL, back_at timestamptz,
  station uuid NOT NULL, seq bigint NOT NULL, ev_at timestamptz NOT NULL);
CREATE INDEX supplier_trips_case ON rs.supplier_trips(case_id);
CREATE TABLE rs.photos (
  id uuid PRIMARY KEY, case_id uuid NOT NULL, sha256 text NOT NULL,
  path text NOT NULL, bytes bigint NOT NULL, added_by uuid,
  at timestamptz NOT NULL,
  station uuid NOT NULL, seq bigint NOT NULL, ev_at timestamptz NOT NULL);
CREATE INDEX photos_case ON rs.photos(case_id);
CREATE TABLE rs.breaches (
  id uuid PRIMARY KEY, case_id uuid NOT NULL, rule text NOT NULL,
  due_at timestamptz, noticed_at timestamptz NOT NULL,
  resolved_at timestamptz,
  station uuid NOT NULL, seq bigint NOT NULL, ev_at timestamptz NOT NULL);
CREATE INDEX breaches_case ON rs.breaches(case_id);
CREATE TABLE rs.expected_returns (
  id uuid PRIMARY KEY, waybill text NOT NULL, customer text NOT NULL,
  contact text, phone text, address text, service_rep text, order_no text,
  complaint text, created_by uuid NOT NULL, created_at timestamptz NOT NULL,
  case_id uuid,
  station uuid NOT NULL, seq bigint NOT NULL, ev_at timestamptz NOT NULL);
CREATE INDEX expected_returns_waybill ON rs.expected_returns(waybill);
CREATE TABLE rs.expected_items (
  expected_id uuid NOT NULL, line integer NOT NULL, model text NOT NULL,
  quantity integer NOT NULL, cct integer,
  PRIMARY KEY (expected_id, line));
CREATE TABLE rs.applications (
  id uuid PRIMARY KEY, case_id uuid NOT NULL, request text NOT NULL,
  reason text NOT NULL, total_fen bigint NOT NULL, chain text NOT NULL,
  state text NOT NULL, applied_by uuid NOT NULL,
  applied_at timestamptz NOT NULL, rma_sent_at timestamptz,
  rma_due_at timestamptz, rma_reply text, rma_reply_at timestamptz,
  rma_note text,
  station uuid NOT NULL, seq bigint NOT NULL, ev_at timestamptz NOT NULL);
CREATE INDEX applications_case ON rs.applications(case_id);
CREATE TABLE rs.application_lines (
  application_id uuid NOT NULL, line integer NOT NULL, item_id uuid NOT NULL,
  quantity integer NOT NULL, unit_price_fen bigint NOT NULL,
  amount_fen bigint NOT NULL,
  PRIMARY KEY (application_id, line));
CREATE TABLE rs.approvals (
  id uuid PRIMARY KEY, application_id uuid NOT NULL, step text NOT NULL,
  decision text NOT NULL, operator_id uuid NOT NULL,
  note text NOT NULL DEFAULT '', at timestamptz NOT NULL,
  station uuid NOT NULL, seq bigint NOT NULL, ev_at timestamptz NOT NULL);
CREATE INDEX approvals_application ON rs.approvals(application_id);
CREATE TABLE rs.reviews (
  id uuid PRIMARY KEY, case_id uuid NOT NULL, host_id uuid NOT NULL,
  attendees text NOT NULL DEFAULT '', verdict text NOT NULL,
  analysis text NOT NULL, corrective text NOT NULL, preventive text NOT NULL,
  responsible text NOT NULL, disposal text NOT NULL, scrap integer NOT NULL,
  usable integer NOT NULL, cost_fen bigint NOT NULL DEFAULT 0,
  recorded_by uuid NOT NULL, at timestamptz NOT NULL,
  station uuid NOT NULL, seq bigint NOT NULL, ev_at timestamptz NOT NULL);
CREATE INDEX reviews_case ON rs.reviews(case_id);
CREATE TABLE rs.callbacks (
  id uuid PRIMARY KEY, case_id uuid NOT NULL, received integer NOT NULL,
  satisfaction integer, note text NOT NULL DEFAULT '', called_by uuid NOT NULL,
  at timestamptz NOT NULL,
  station uuid NOT NULL, seq bigint NOT NULL, ev_at timestamptz NOT NULL);
CREATE INDEX callbacks_case ON rs.callbacks(case_id);
CREATE TABLE rs.label_outbox (
  id uuid PRIMARY KEY, case_id uuid NOT NULL, template text NOT NULL,
  format text NOT NULL, queue text NOT NULL, state text NOT NULL,
  job_id bigint, attempts integer NOT NULL, error text,
  created_at timestamptz NOT NULL, updated_at timestamptz NOT NULL,
  fields text,
  station uuid NOT NULL, seq bigint NOT NULL, ev_at timestamptz NOT NULL);
CREATE INDEX label_outbox_case ON rs.label_outbox(case_id);

-- How each synced table is applied. A fact (a sign-off, an inspection …) is
-- written once and never overwritten; a record takes the newer write of
-- the station that last wrote it (cases: of their owner). A child is
-- replaced whole with its parent.
CREATE TABLE rs.synced (
  name text PRIMARY KEY,
  key text NOT NULL DEFAULT 'id',
  mode text NOT NULL CHECK (mode IN ('fact', 'record', 'child')),
  parent text,
  parent_col text,
  ord integer NOT NULL);
INSERT INTO rs.synced (name, key, mode, parent, parent_col, ord) VALUES
  ('operators', 'id', 'record', NULL, NULL, 1),
  ('products', 'id', 'record', NULL, NULL, 2),
  ('fault_causes', 'code', 'record', NULL, NULL, 3),
  ('cases', 'id', 'record', NULL, NULL, 4),
  ('items', 'id', 'record', NULL, NULL, 5),
  ('repairs', 'id', 'fact', NULL, NULL, 6),
  ('inspections', 'id', 'fact', NULL, NULL, 7),
  ('signoffs', 'id', 'fact', NULL, NULL, 8),
  ('shipments', 'id', 'fact', NULL, NULL, 9),
  ('supplier_trips', 'id', 'record', NULL, NULL, 10),
  ('photos', 'id', 'fact', NULL, NULL, 11),
  ('breaches', 'id', 'record', NULL, NULL, 12),
  ('expected_returns', 'id', 'record', NULL, NULL, 13),
  ('applications', 'id', 'record', NULL, NULL, 14),
  ('approvals', 'id', 'fact', NULL, NULL, 15),
  ('reviews', 'id', 'fact', NULL, NULL, 16),
  ('callbacks', 'id', 'fact', NULL, NULL, 17),
  ('label_outbox', 'id', 'record', NULL, NULL, 18),
  ('operator_roles', '', 'child', 'operators', 'operator_id', 19),
  ('product_barcodes', '', 'child', 'products', 'product_id', 20),
  ('repair_parts', '', 'child', 'repairs', 'repair_id', 21),
  ('expected_items', '', 'child', 'expected_returns', 'expected_id', 22),
  ('application_lines', '', 'child', 'applications', 'application_id', 23);

-- Moves that arrived and were not applied: for a person to look at.
CREATE TABLE rs.conflicts (
  id bigserial PRIMARY KEY,
  event_id uuid NOT NULL REFERENCES rs.events(event_id),
  station uuid NOT NULL,
  tab text NOT NULL,
  record uuid NOT NULL,
  case_no text,
  central_state text,
  arrived_state text,
  owner uuid,
  reason text NOT NULL,
  noticed_at timestamptz NOT NULL DEFAULT now(),
  resolved_at timestamptz,
  resolved_by text,
  note text);
CREATE INDEX conflicts_open ON rs.conflicts(noticed_at) WHERE resolved_at IS NULL;
