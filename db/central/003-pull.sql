-- 3: what every station pulls down: operators (their roles and PINs), the
-- catalogue, the fault causes and the expected returns customer service
-- registered. Each change there takes the next number of rs.pull_seq; a
-- station asks for what came after the last number it applied. Writers of
-- these tables take one lock, so numbers are given in commit order and no
-- change is passed over by a station that read past it.
CREATE SEQUENCE rs.pull_seq;
ALTER TABLE rs.operators ADD COLUMN cseq bigint;
ALTER TABLE rs.products ADD COLUMN cseq bigint;
ALTER TABLE rs.fault_causes ADD COLUMN cseq bigint;
ALTER TABLE rs.expected_returns ADD COLUMN cseq bigint;
ALTER TABLE rs.cases ADD COLUMN cseq bigint;
CREATE FUNCTION rs.next_cseq() RETURNS trigger
LANGUAGE plpgsql AS $fn$
BEGIN
  PERFORM pg_advisory_xact_lock(7431002);
  NEW.cseq := nextval('rs.pull_seq');
  RETURN NEW;
END
$fn$;
CREATE TRIGGER operators_cseq BEFORE INSERT OR UPDATE ON rs.operators
  FOR EACH ROW EXECUTE FUNCTION rs.next_cseq();
CREATE TRIGGER products_cseq BEFORE INSERT OR UPDATE ON rs.products
  FOR EACH ROW EXECUTE FUNCTION rs.next_cseq();
CREATE TRIGGER fault_causes_cseq BEFORE INSERT OR UPDATE ON rs.fault_causes
  FOR EACH ROW EXECUTE FUNCTION rs.next_cseq();
CREATE TRIGGER expected_returns_cseq BEFORE INSERT OR UPDATE ON rs.expected_returns
  FOR EACH ROW EXECUTE FUNCTION rs.next_cseq();
CREATE TRIGGER cases_cseq BEFORE INSERT OR UPDATE ON rs.cases
  FOR EACH ROW EXECUTE FUNCTION rs.next_cseq();
-- the rows there are take their numbers (the trigger gives them)
UPDATE rs.operators SET cseq = NULL;
UPDATE rs.products SET cseq = NULL;
UPDATE rs.fault_causes SET cseq = NULL;
UPDATE rs.expected_returns SET cseq = NULL;
UPDATE rs.cases SET cseq = NULL;
CREATE INDEX operators_cseq ON rs.operators(cseq);
CREATE INDEX products_cseq ON rs.products(cseq);
CREATE INDEX fault_causes_cseq ON rs.fault_causes(cseq);
CREATE INDEX expected_returns_cseq ON rs.expected_returns(cseq);
CREATE INDEX cases_cseq ON rs.cases(cseq);

-- A case as a station takes it: its row, its items and every record of it
-- (the central tables' own columns but the upload's bookkeeping).
CREATE FUNCTION rs.case_bundle(p_case uuid) RETURNS jsonb
LANGUAGE sql STABLE SET search_path = rs, pg_temp
AS $fn$
  SELECT jsonb_build_object(
    'items', (SELECT coalesce(jsonb_agg(to_jsonb(x) - 'station' - 'seq' - 'ev_at'), '[]') FROM rs.items x WHERE x.case_id = p_case),
    'repairs', (SELECT coalesce(jsonb_agg(to_jsonb(x) - 'station' - 'seq' - 'ev_at'), '[]') FROM rs.repairs x WHERE x.case_id = p_case),
    'repair_parts', (SELECT coalesce(jsonb_agg(to_jsonb(p)), '[]') FROM rs.repair_parts p JOIN rs.repairs x ON x.id = p.repair_id WHERE x.case_id = p_case),
    'inspections', (SELECT coalesce(jsonb_agg(to_jsonb(x) - 'station' - 'seq' - 'ev_at'), '[]') FROM rs.inspections x WHERE x.case_id = p_case),
    'signoffs', (SELECT coalesce(jsonb_agg(to_jsonb(x) - 'station' - 'seq' - 'ev_at'), '[]') FROM rs.signoffs x WHERE x.case_id = p_case),
    'shipments', (SELECT coalesce(jsonb_agg(to_jsonb(x) - 'station' - 'seq' - 'ev_at'), '[]') FROM rs.shipments x WHERE x.case_id = p_case),
    'supplier_trips', (SELECT coalesce(jsonb_agg(to_jsonb(x) - 'station' - 'seq' - 'ev_at'), '[]') FROM rs.supplier_trips x WHERE x.case_id = p_case),
    'applications', (SELECT coalesce(jsonb_agg(to_jsonb(x) - 'station' - 'seq' - 'ev_at'), '[]') FROM rs.applications x WHERE x.case_id = p_case),
    'application_lines', (SELECT coalesce(jsonb_agg(to_jsonb(l)), '[]') FROM rs.application_lines l JOIN rs.applications x ON x.id = l.application_id WHERE x.case_id = p_case),
    'approvals', (SELECT coalesce(jsonb_agg(to_jsonb(v) - 'station' - 'seq' - 'ev_at'), '[]') FROM rs.approvals v JOIN rs.applications x ON x.id = v.application_id WHERE x.case_id = p_case),
    'reviews', (SELECT coalesce(jsonb_agg(to_jsonb(x) - 'station' - 'seq' - 'ev_at'), '[]') FROM rs.reviews x WHERE x.case_id = p_case),
    'callbacks', (SELECT coalesce(jsonb_agg(to_jsonb(x) - 'station' - 'seq' - 'ev_at'), '[]') FROM rs.callbacks x WHERE x.case_id = p_case))
$fn$;

-- The changes after p_after that p_station did not write itself, oldest
-- first, at most p_limit: {"rows": [{"n": cseq, "t": table, "r": the row
-- as the station writes it, "c": its dependent rows}, ...], "upto": N},
-- N the number to ask after next time (past the station's own changes).
-- References to operators carry the badge too ("created_by_badge").
CREATE FUNCTION rs.pull(p_station uuid, p_after bigint, p_limit integer)
RETURNS jsonb
LANGUAGE plpgsql STABLE SECURITY DEFINER SET search_path = rs, pg_temp
  SET TimeZone = 'UTC'
AS $fn$
DECLARE
  rows jsonb; n integer; upto bigint;
BEGIN
  SELECT coalesce(jsonb_agg(x ORDER BY k), '[]'::jsonb), count(*), max(k)
    INTO rows, n, upto
  FROM (
    SELECT * FROM (
      SELECT jsonb_build_object('n', o.cseq, 't', 'operators',
          'r', to_jsonb(o) - 'station' - 'seq' - 'ev_at' - 'cseq',
          'c', jsonb_build_object('operator_roles', coalesce((SELECT
            jsonb_agg(r.role ORDER BY r.role) FROM rs.operator_roles r
            WHERE r.operator_id = o.id), '[]'))) AS x, o.cseq AS k
        FROM rs.operators o WHERE o.cseq > p_after AND o.station <> p_station
      UNION ALL
      SELECT jsonb_build_object('n', p.cseq, 't', 'products',
          'r', to_jsonb(p) - 'station' - 'seq' - 'ev_at' - 'cseq',
          'c', jsonb_build_object('product_barcodes', coalesce((SELECT
            jsonb_agg(b.barcode ORDER BY b.barcode) FROM rs.product_barcodes b
            WHERE b.product_id = p.id), '[]'))), p.cseq
        FROM rs.products p WHERE p.cseq > p_after AND p.station <> p_station
      UNION ALL
      SELECT jsonb_build_object('n', f.cseq, 't', 'fault_causes',
          'r', to_jsonb(f) - 'station' - 'seq' - 'ev_at' - 'cseq'), f.cseq
        FROM rs.fault_causes f WHERE f.cseq > p_after AND f.station <> p_station
      UNION ALL
      SELECT jsonb_build_object('n', e.cseq, 't', 'expected_returns',
          'r', to_jsonb(e) - 'station' - 'seq' - 'ev_at' - 'cseq'
            || jsonb_build_object('created_by_badge', (SELECT badge FROM
              rs.operators WHERE id = e.created_by)),
          'c', jsonb_build_object('expected_items', coalesce((SELECT
            jsonb_agg(to_jsonb(i) - 'expected_id' ORDER BY i.line)
            FROM rs.expected_items i WHERE i.expected_id = e.id), '[]'))),
          e.cseq
        FROM rs.expected_returns e WHERE e.cseq > p_after AND e.station <> p_station
      UNION ALL
      -- a case another desk wrote last that this one holds, or had
      SELECT jsonb_build_object('n', c.cseq, 't', 'cases',
          'r', to_jsonb(c) - 'station' - 'seq' - 'ev_at' - 'cseq',
          'c', rs.case_bundle(c.id)), c.cseq
        FROM rs.cases c WHERE c.cseq > p_after AND c.station <> p_station
          AND (c.owner = p_station OR EXISTS (SELECT 1 FROM rs.events e
            WHERE e.entity_uid = c.id AND e.station = p_station))
    ) u ORDER BY k LIMIT p_limit
  ) v;
  -- fewer than asked: everything there is has been seen. Changes not
  -- committed yet hold the writers' lock and take larger numbers than
  -- every committed one, so none is passed over.
  IF n < p_limit THEN
    SELECT greatest(p_after, (SELECT max(cseq) FROM rs.operators),
        (SELECT max(cseq) FROM rs.products),
        (SELECT max(cseq) FROM rs.fault_causes),
        (SELECT max(cseq) FROM rs.expected_returns),
        (SELECT max(cseq) FROM rs.cases))
      INTO upto;
  END IF;
  -- the desks by name, and every operator's badge (a record names its
  -- operators by the ids their desk gave them)
  RETURN jsonb_build_object('rows', rows, 'upto', coalesce(upto, p_after),
    'desks', (SELECT coalesce(jsonb_object_agg(id, name), '{}') FROM rs.stations
      WHERE name IS NOT NULL),
    'ops', CASE WHEN rows @> '[{"t": "cases"}]' THEN (SELECT
      coalesce(jsonb_object_agg(id, badge), '{}') FROM rs.operators) END);
END
$fn$;

-- the last change number there is, for a station's status
CREATE FUNCTION rs.pull_head() RETURNS bigint
LANGUAGE sql STABLE SECURITY DEFINER SET search_path = rs, pg_temp
AS $fn$
  SELECT CASE WHEN is_called THEN last_value ELSE 0 END FROM rs.pull_seq
$fn$;
