-- 6: carriers kept centrally. A desk's administrator adds a courier
-- (its name and the shape of its waybills) once; every desk pulls it and
-- matches it after its own [carriers] lines.
CREATE TABLE rs.carriers (
  name text PRIMARY KEY, pattern text NOT NULL, active integer NOT NULL,
  station uuid NOT NULL, seq bigint NOT NULL, ev_at timestamptz NOT NULL,
  cseq bigint);
CREATE INDEX carriers_cseq ON rs.carriers(cseq);
DO $$ BEGIN PERFORM rs.numbered('carriers'); END $$;
INSERT INTO rs.synced (name, key, mode, parent, parent_col, ord)
  VALUES ('carriers', 'name', 'record', NULL, NULL, 24);

CREATE OR REPLACE FUNCTION rs.pull(p_station uuid, p_after bigint, p_limit integer)
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
      SELECT jsonb_build_object('n', k.cseq, 't', 'carriers',
          'r', to_jsonb(k) - 'station' - 'seq' - 'ev_at' - 'cseq'), k.cseq
        FROM rs.carriers k WHERE k.cseq > p_after AND k.station <> p_station
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
        (SELECT max(cseq) FROM rs.carriers),
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

