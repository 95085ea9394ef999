-- 5: the same upload, applied with less work. The rows an event carries
-- are taken from the events as they go in (not read back); a record's
-- columns are read from its row once, without building a new document;
-- a batch takes the change-number lock once and numbers its own rows, the
-- triggers only the other writers' changes; the inbox needs no index.
DROP INDEX rs.inbox_station;

-- A table whose changes stations pull: its other writers' changes take
-- the next change number (an upload numbers its own rows).
CREATE FUNCTION rs.numbered(p_table text) RETURNS void
LANGUAGE plpgsql AS $fn$
BEGIN
  EXECUTE format('DROP TRIGGER IF EXISTS %I ON rs.%I', p_table || '_cseq', p_table);
  EXECUTE format('CREATE TRIGGER %I BEFORE INSERT ON rs.%I FOR EACH ROW'
    ' WHEN (NEW.cseq IS NULL) EXECUTE FUNCTION rs.next_cseq()',
    p_table || '_cseq', p_table);
  EXECUTE format('CREATE TRIGGER %I BEFORE UPDATE ON rs.%I FOR EACH ROW'
    ' WHEN (NEW.cseq IS NOT DISTINCT FROM OLD.cseq)'
    ' EXECUTE FUNCTION rs.next_cseq()', p_table || '_cseq_up', p_table);
END
$fn$;
DO $$ BEGIN
  PERFORM rs.numbered(t) FROM unnest(ARRAY['operators', 'products',
    'fault_causes', 'expected_returns', 'cases']) t;
END $$;

CREATE OR REPLACE FUNCTION rs.apply_batch(p_station uuid, p_name text)
RETURNS bigint
LANGUAGE plpgsql SECURITY DEFINER SET search_path = rs, pg_temp
AS $fn$
DECLARE
  hw bigint; lh text; lo bigint; hi bigint; n bigint; bad bigint;
  t record; cols text; vals text; ucols text; xcols text; rule text;
  gone boolean; other boolean; first bigint; numbered boolean;
  locked boolean := false;
BEGIN
  INSERT INTO rs.stations (id, name) VALUES (p_station, p_name)
    ON CONFLICT (id) DO UPDATE SET name = coalesce(EXCLUDED.name, rs.stations.name);
  SELECT high_water, last_hash INTO hw, lh FROM rs.stations
    WHERE id = p_station FOR UPDATE;
  SELECT min(seq) FILTER (WHERE seq > hw), max(seq),
      count(*) FILTER (WHERE seq > hw), bool_or(station <> p_station),
      min(seq)
    INTO lo, hi, n, other, first
    FROM rs.inbox;
  IF other THEN
    RAISE EXCEPTION 'the upload holds events of another station'
      USING ERRCODE = 'RS001';
  END IF;
  -- an event already here must be the same event: a station restored
  -- from an older copy writes other events under the same numbers
  IF first <= hw THEN
    SELECT min(i.seq) INTO bad FROM rs.inbox i
      JOIN rs.events e ON e.station = p_station AND e.seq = i.seq
      WHERE e.event_id <> i.event_id OR e.hash <> i.hash;
    IF bad IS NOT NULL THEN
      RAISE EXCEPTION 'event % of station % differs from the one uploaded before (is its database an older copy?)', bad, p_station
        USING ERRCODE = 'RS002';
    END IF;
  END IF;
  IF n = 0 THEN
    DELETE FROM rs.inbox;
    RETURN hw;
  END IF;
  IF lo <> hw + 1 OR hi - lo + 1 <> n THEN
    RAISE EXCEPTION 'events % to % of station % do not follow event % without a gap', lo, hi, p_station, hw
      USING ERRCODE = 'RS003';
  END IF;
  SELECT min(seq) INTO bad FROM (
    SELECT seq, prev_hash,
      coalesce(lag(hash) OVER (ORDER BY seq), lh) AS before
    FROM rs.inbox WHERE seq > hw) x
    WHERE before IS NOT NULL AND before <> prev_hash;
  IF bad IS NOT NULL THEN
    RAISE EXCEPTION 'event % of station % does not follow the hash chain', bad, p_station
      USING ERRCODE = 'RS004';
  END IF;

  IF to_regclass('pg_temp.rs_rows') IS NULL THEN
    CREATE TEMP TABLE rs_rows (t text, k text, seq bigint,
      ev_at timestamptz, event_id uuid, r jsonb, c jsonb, ok boolean)
      ON COMMIT DELETE ROWS;
  END IF;
  -- the events, and the rows they carry as they go in
  WITH ins AS (
    INSERT INTO rs.events (event_id, station, seq, at, actor, action, entity,
        entity_id, entity_uid, detail, fields, hv, prev_hash, hash)
      SELECT event_id, station, seq, at, actor, action, entity, entity_id,
        entity_uid, detail, fields::jsonb, hv, prev_hash, hash
      FROM rs.inbox WHERE seq > hw
      ON CONFLICT (event_id) DO NOTHING
      RETURNING seq, at, event_id, fields),
  took AS (
    INSERT INTO rs_rows
      SELECT x->>'t', x->'r'->>coalesce(s.key, 'id'), e.seq, e.at,
        e.event_id, x->'r', x->'c', false
      FROM ins e CROSS JOIN LATERAL jsonb_array_elements(e.fields->'rows') x
        LEFT JOIN rs.synced s ON s.name = x->>'t')
  SELECT coalesce(bool_or(fields ? 'gone'), false) INTO gone FROM ins;
  -- each record's last write in the batch
  DELETE FROM rs_rows WHERE ctid IN (SELECT x.ctid FROM (
    SELECT w.ctid, row_number() OVER (PARTITION BY w.t, w.k
      ORDER BY w.seq DESC) AS later
    FROM rs_rows w) x WHERE x.later > 1);

  FOR t IN SELECT s.* FROM rs.synced s
      WHERE s.mode <> 'child' AND s.name IN (SELECT DISTINCT w.t FROM rs_rows w)
      ORDER BY s.ord LOOP
    -- the columns as the station sends them, but the upload's bookkeeping
    SELECT string_agg(quote_ident(attname), ', ' ORDER BY attnum),
        string_agg(CASE attname WHEN 'station' THEN '$1' WHEN 'seq' THEN 'w.seq'
          WHEN 'ev_at' THEN 'w.ev_at' WHEN 'owner' THEN 'coalesce(p.owner, $1)'
          WHEN 'cseq' THEN 'nextval(''rs.pull_seq'')'
          ELSE 'p.' || quote_ident(attname) END, ', ' ORDER BY attnum),
        string_agg(quote_ident(attname), ', ' ORDER BY attnum)
          FILTER (WHERE attname <> t.key),
        string_agg('EXCLUDED.' || quote_ident(attname), ', ' ORDER BY attnum)
          FILTER (WHERE attname <> t.key),
        bool_or(attname = 'cseq')
      INTO cols, vals, ucols, xcols, numbered
      FROM pg_attribute
      WHERE attrelid = ('rs.' || t.name)::regclass AND attnum > 0
        AND NOT attisdropped;
    -- change numbers in commit order: one lock for the batch
    IF numbered AND NOT locked THEN
      PERFORM pg_advisory_xact_lock(7431002);
      locked := true;
    END IF;
    IF t.mode = 'fact' THEN
      rule := 'DO NOTHING';
    ELSIF t.name = 'cases' THEN
      -- only the station that holds the goods moves a case; its handover
      -- names the next (the row's owner; none: the writer keeps it)
      rule := format('DO UPDATE SET (%s) = ROW(%s) WHERE d.owner = EXCLUDED.station'
        ' AND (d.station <> EXCLUDED.station OR d.seq < EXCLUDED.seq)',
        ucols, xcols);
    ELSE
      rule := format('DO UPDATE SET (%s) = ROW(%s) WHERE (d.station = EXCLUDED.station'
        ' AND d.seq < EXCLUDED.seq) OR (d.station <> EXCLUDED.station'
        ' AND d.ev_at <= EXCLUDED.ev_at)', ucols, xcols);
    END IF;
    EXECUTE format('WITH up AS (INSERT INTO rs.%I AS d (%s)'
      ' SELECT %s FROM rs_rows w'
      ' CROSS JOIN LATERAL jsonb_populate_record(NULL::rs.%I, w.r) p'
      ' WHERE w.t = %L ON CONFLICT (%I) %s RETURNING d.%I::text AS k)'
      ' UPDATE rs_rows w SET ok = true FROM up WHERE w.t = %L AND w.k = up.k',
      t.name, cols, vals, t.name, t.name, t.key, rule, t.key, t.name)
      USING p_station;
  END LOOP;

  -- a record's dependent rows are replaced whole, with the record
  FOR t IN SELECT * FROM rs.synced WHERE mode = 'child' ORDER BY ord LOOP
    CONTINUE WHEN NOT EXISTS (SELECT 1 FROM rs_rows w
      WHERE w.t = t.parent AND w.ok AND w.c ? t.name);
    EXECUTE format('DELETE FROM rs.%I WHERE %I IN (SELECT w.k::uuid FROM rs_rows w'
      ' WHERE w.t = %L AND w.ok AND w.c ? %L)', t.name, t.parent_col, t.parent, t.name);
    EXECUTE format('INSERT INTO rs.%I SELECT p.*'
      ' FROM rs_rows w CROSS JOIN LATERAL jsonb_array_elements(w.c->%L) x'
      ' CROSS JOIN LATERAL jsonb_populate_record(NULL::rs.%I, x) p'
      ' WHERE w.t = %L AND w.ok', t.name, t.name, t.name, t.parent);
  END LOOP;

  -- rows the station deleted (an undone intake line)
  IF gone THEN
    FOR t IN SELECT * FROM rs.synced WHERE mode <> 'child' AND key = 'id' LOOP
      EXECUTE format('DELETE FROM rs.%I d USING rs.events e'
        ' CROSS JOIN LATERAL jsonb_array_elements(e.fields->''gone'') g'
        ' WHERE e.station = $1 AND e.seq BETWEEN $2 AND $3 AND g->>''t'' = %L'
        ' AND d.id = (g->>''id'')::uuid AND d.station = $1', t.name, t.name)
        USING p_station, lo, hi;
    END LOOP;
  END IF;

  -- a move on a case that another station holds: for review, not applied
  INSERT INTO rs.conflicts (event_id, station, tab, record, case_no,
      central_state, arrived_state, owner, reason)
    SELECT w.event_id, p_station, 'cases', w.k::uuid, w.r->>'case_no',
      d.state, w.r->>'state', d.owner,
      'the case is held by another station'
    FROM rs_rows w JOIN rs.cases d ON d.id = w.k::uuid
    WHERE w.t = 'cases' AND NOT w.ok AND d.owner <> p_station;

  UPDATE rs.stations SET high_water = hi,
      last_hash = (SELECT hash FROM rs.inbox WHERE seq = hi),
      last_upload = now()
    WHERE id = p_station;
  DELETE FROM rs.inbox;
  RETURN hi;
END
$fn$;
