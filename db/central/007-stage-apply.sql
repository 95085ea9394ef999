-- 7: an upload in two steps, so that a station can send its next batches
-- while the one before is applied. Once a connection, the station calls
-- rs.inbox_open() for an inbox of the connection's own; then in one
-- transaction it copies its events into pg_temp.rs_inbox and calls
--   rs.stage(station): the events go in (INSERT … ON CONFLICT (event_id) DO
--     NOTHING) with the rows they carry, waiting on no other upload;
--   rs.apply(station, name): under the station's lock, in its order, the
--     staged rows update the central tables and the high-water mark moves.
-- A batch staged past a gap (its predecessor not committed) is refused
-- whole by rs.apply, and everything it staged goes with the rollback.
-- rs.apply_batch, for stations from before, now does the same.

CREATE FUNCTION rs.inbox_open()
RETURNS void
LANGUAGE plpgsql SECURITY DEFINER SET search_path = rs, pg_temp
AS $fn$
BEGIN
  IF to_regclass('pg_temp.rs_inbox') IS NULL THEN
    CREATE TEMP TABLE rs_inbox (LIKE rs.inbox) ON COMMIT DELETE ROWS;
    EXECUTE format('GRANT INSERT ON pg_temp.rs_inbox TO %I', session_user);
  END IF;
END
$fn$;

CREATE FUNCTION rs.stage(p_station uuid)
RETURNS integer
LANGUAGE plpgsql SECURITY DEFINER SET search_path = rs, pg_temp
AS $fn$
DECLARE
  hw bigint; other boolean; first bigint; last bigint; n bigint;
  broken bigint; bad bigint; took integer;
BEGIN
  IF to_regclass('pg_temp.rs_inbox') IS NULL THEN
    RAISE EXCEPTION 'no inbox: call rs.inbox_open first'
      USING ERRCODE = 'RS005';
  END IF;
  IF to_regclass('pg_temp.rs_staged') IS NULL THEN
    CREATE TEMP TABLE rs_staged (first bigint, last bigint, lo bigint,
      hi bigint, n bigint, first_prev text, last_hash text, gone boolean)
      ON COMMIT DELETE ROWS;
    CREATE TEMP TABLE rs_took (t text, k text, seq bigint,
      ev_at timestamptz, event_id uuid, r jsonb, c jsonb)
      ON COMMIT DELETE ROWS;
    -- the rows applied (of the tables whose children or conflicts ask)
    CREATE TEMP TABLE rs_ok (t text, k text, seq bigint)
      ON COMMIT DELETE ROWS;
  END IF;
  IF EXISTS (SELECT FROM rs_staged) THEN
    RAISE EXCEPTION 'a batch is already staged in this transaction'
      USING ERRCODE = 'RS005';
  END IF;
  -- what was committed when the stage began; rs.apply checks again. (A
  -- station's row is only read here, and rs.apply locks it FOR NO KEY
  -- UPDATE: the events' key checks go on while the batch before applies.)
  SELECT high_water INTO hw FROM rs.stations WHERE id = p_station;
  IF NOT FOUND THEN
    INSERT INTO rs.stations (id) VALUES (p_station) ON CONFLICT (id) DO NOTHING;
    hw := 0;
  END IF;
  SELECT bool_or(station <> p_station), min(seq), max(seq), count(*),
      min(seq) FILTER (WHERE before IS NOT NULL AND before <> prev_hash)
    INTO other, first, last, n, broken
    FROM (SELECT station, seq, prev_hash,
        lag(hash) OVER (ORDER BY seq) AS before FROM pg_temp.rs_inbox) x;
  IF other THEN
    RAISE EXCEPTION 'the upload holds events of another station'
      USING ERRCODE = 'RS001';
  END IF;
  IF n = 0 THEN
    INSERT INTO rs_staged VALUES (NULL, NULL, NULL, NULL, 0, NULL, NULL, false);
    RETURN 0;
  END IF;
  IF last - first + 1 <> n THEN
    RAISE EXCEPTION 'events % to % of station % are not one run without a gap', first, last, p_station
      USING ERRCODE = 'RS003';
  END IF;
  IF broken IS NOT NULL THEN
    RAISE EXCEPTION 'event % of station % does not follow the hash chain', broken, p_station
      USING ERRCODE = 'RS004';
  END IF;
  -- an event already here must be the same event: a station restored
  -- from an older copy writes other events under the same numbers
  IF first <= hw THEN
    SELECT min(i.seq) INTO bad FROM pg_temp.rs_inbox i
      JOIN rs.events e ON e.station = p_station AND e.seq = i.seq
      WHERE e.event_id <> i.event_id OR e.hash <> i.hash;
    IF bad IS NOT NULL THEN
      RAISE EXCEPTION 'event % of station % differs from the one uploaded before (is its database an older copy?)', bad, p_station
        USING ERRCODE = 'RS002';
    END IF;
  END IF;
  -- the events, and the rows they carry as they go in
  WITH ins AS (
    INSERT INTO rs.events (event_id, station, seq, at, actor, action, entity,
        entity_id, entity_uid, detail, fields, hv, prev_hash, hash)
      SELECT event_id, station, seq, at, actor, action, entity, entity_id,
        entity_uid, detail, fields::jsonb, hv, prev_hash, hash
      FROM pg_temp.rs_inbox WHERE seq > hw
      ON CONFLICT (event_id) DO NOTHING
      RETURNING seq, at, event_id, fields, prev_hash, hash),
  rows AS (
    INSERT INTO rs_took
      SELECT x->>'t', x->'r'->>coalesce(s.key, 'id'), e.seq, e.at,
        e.event_id, x->'r', x->'c'
      FROM ins e CROSS JOIN LATERAL jsonb_array_elements(e.fields->'rows') x
        LEFT JOIN rs.synced s ON s.name = x->>'t')
  INSERT INTO rs_staged
    SELECT first, last, a.lo, a.hi, a.n,
      (SELECT i.prev_hash FROM ins i WHERE i.seq = a.lo),
      (SELECT i.hash FROM ins i WHERE i.seq = a.hi), a.gone
    FROM (SELECT min(seq) AS lo, max(seq) AS hi, count(*) AS n,
        coalesce(bool_or(fields ? 'gone'), false) AS gone FROM ins) a;
  SELECT x.n INTO took FROM rs_staged x;
  RETURN took;
END
$fn$;

CREATE FUNCTION rs.apply(p_station uuid, p_name text)
RETURNS bigint
LANGUAGE plpgsql SECURITY DEFINER SET search_path = rs, pg_temp
AS $fn$
DECLARE
  hw bigint; lh text; s record; t record; cols text; vals text;
  ucols text; xcols text; rule text; v integer; pname text;
  locked boolean := false; kids text[]; late text[];
BEGIN
  IF to_regclass('pg_temp.rs_staged') IS NULL
      OR NOT EXISTS (SELECT FROM rs_staged) THEN
    RAISE EXCEPTION 'nothing staged: call rs.stage first'
      USING ERRCODE = 'RS005';
  END IF;
  SELECT * INTO s FROM rs_staged;
  UPDATE rs.stations SET name = coalesce(p_name, name)
    WHERE id = p_station AND name IS DISTINCT FROM coalesce(p_name, name);
  SELECT high_water, last_hash INTO hw, lh FROM rs.stations
    WHERE id = p_station FOR NO KEY UPDATE;
  IF s.n = 0 THEN
    -- all here before; but not past a gap
    IF s.first IS NOT NULL AND s.first > hw + 1 THEN
      RAISE EXCEPTION 'events % to % of station % do not follow event % without a gap', s.first, s.last, p_station, hw
        USING ERRCODE = 'RS003';
    END IF;
    RETURN hw;
  END IF;
  IF s.lo <> hw + 1 OR s.hi - s.lo + 1 <> s.n THEN
    RAISE EXCEPTION 'events % to % of station % do not follow event % without a gap', s.lo, s.hi, p_station, hw
      USING ERRCODE = 'RS003';
  END IF;
  IF lh IS NOT NULL AND s.first_prev <> lh THEN
    RAISE EXCEPTION 'event % of station % does not follow the hash chain', s.lo, p_station
      USING ERRCODE = 'RS004';
  END IF;

  -- each record's last write in the batch
  -- (a table's statement is prepared once a connection and schema
  -- version, not planned again each batch)
  v := (SELECT max(version) FROM rs.migrations);
  FOR t IN SELECT y.* FROM rs.synced y
      WHERE y.mode <> 'child' AND y.name IN (SELECT DISTINCT w.t FROM rs_took w)
      ORDER BY y.ord LOOP
    -- change numbers in commit order: one lock for the batch
    IF NOT locked AND EXISTS (SELECT FROM pg_attribute
        WHERE attrelid = ('rs.' || t.name)::regclass AND attname = 'cseq'
          AND NOT attisdropped) THEN
      PERFORM pg_advisory_xact_lock(7431002);
      locked := true;
    END IF;
    pname := format('rs_apply_%s_%s', t.name, v);
    IF NOT EXISTS (SELECT FROM pg_prepared_statements WHERE name = pname) THEN
      -- the columns as the station sends them, but the upload's bookkeeping
      SELECT string_agg(quote_ident(attname), ', ' ORDER BY attnum),
          string_agg(CASE attname WHEN 'station' THEN '$1' WHEN 'seq' THEN 'w.seq'
            WHEN 'ev_at' THEN 'w.ev_at' WHEN 'owner' THEN 'coalesce(p.owner, $1)'
            WHEN 'cseq' THEN 'nextval(''rs.pull_seq'')'
            ELSE 'p.' || quote_ident(attname) END, ', ' ORDER BY attnum),
          string_agg(quote_ident(attname), ', ' ORDER BY attnum)
            FILTER (WHERE attname <> t.key),
          string_agg('EXCLUDED.' || quote_ident(attname), ', ' ORDER BY attnum)
            FILTER (WHERE attname <> t.key)
        INTO cols, vals, ucols, xcols
        FROM pg_attribute
        WHERE attrelid = ('rs.' || t.name)::regclass AND attnum > 0
          AND NOT attisdropped;
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
      EXECUTE format('PREPARE %I (uuid) AS'
        ' WITH up AS (INSERT INTO rs.%I AS d (%s)'
        ' SELECT %s FROM (SELECT DISTINCT ON (w.k) * FROM rs_took w'
        ' WHERE w.t = %L ORDER BY w.k, w.seq DESC) w'
        ' CROSS JOIN LATERAL jsonb_populate_record(NULL::rs.%I, w.r) p'
        ' ON CONFLICT (%I) %s RETURNING d.%I::text AS k, d.seq)'
        ' %s',
        pname, t.name, cols, vals, t.name, t.name, t.key, rule, t.key,
        -- what was applied is noted where children or conflicts ask
        CASE WHEN t.name = 'cases' OR EXISTS (SELECT FROM rs.synced c
            WHERE c.parent = t.name)
          THEN format('INSERT INTO rs_ok SELECT %L, k, seq FROM up', t.name)
          ELSE 'SELECT FROM up WHERE false' END);
    END IF;
    EXECUTE format('EXECUTE %I(%L)', pname, p_station);
  END LOOP;

  -- a record's dependent rows are replaced whole, with the record
  SELECT array_agg(DISTINCT w.t || '.' || j) INTO kids
    FROM (SELECT * FROM rs_took WHERE jsonb_typeof(c) = 'object') w
    JOIN rs_ok o ON o.t = w.t AND o.k = w.k AND o.seq = w.seq
    CROSS JOIN LATERAL jsonb_object_keys(w.c) j;
  FOR t IN SELECT * FROM rs.synced WHERE mode = 'child'
      AND parent || '.' || name = ANY (kids) ORDER BY ord LOOP
    EXECUTE format('DELETE FROM rs.%I WHERE %I IN (SELECT w.k::uuid FROM rs_took w'
      ' JOIN rs_ok o ON o.t = w.t AND o.k = w.k AND o.seq = w.seq'
      ' WHERE w.t = %L AND w.c ? %L)', t.name, t.parent_col, t.parent, t.name);
    EXECUTE format('INSERT INTO rs.%I SELECT p.*'
      ' FROM rs_took w JOIN rs_ok o ON o.t = w.t AND o.k = w.k AND o.seq = w.seq'
      ' CROSS JOIN LATERAL jsonb_array_elements(w.c->%L) x'
      ' CROSS JOIN LATERAL jsonb_populate_record(NULL::rs.%I, x) p'
      ' WHERE w.t = %L', t.name, t.name, t.name, t.parent);
  END LOOP;

  -- rows the station deleted (an undone intake line)
  IF s.gone THEN
    FOR t IN SELECT * FROM rs.synced WHERE mode <> 'child' AND key = 'id' LOOP
      EXECUTE format('DELETE FROM rs.%I d USING rs.events e'
        ' CROSS JOIN LATERAL jsonb_array_elements(e.fields->''gone'') g'
        ' WHERE e.station = $1 AND e.seq BETWEEN $2 AND $3 AND g->>''t'' = %L'
        ' AND d.id = (g->>''id'')::uuid AND d.station = $1', t.name, t.name)
        USING p_station, s.lo, s.hi;
    END LOOP;
  END IF;

  -- a move on a case that another station holds: for review, not applied
  -- (the cases none of whose writes applied, found by groups: these tables
  -- have no statistics, and a planned anti-join went quadratic)
  SELECT array_agg(k) INTO late FROM (SELECT x.k FROM (
      SELECT w.k, false AS ok FROM rs_took w WHERE w.t = 'cases'
      UNION ALL SELECT o.k, true FROM rs_ok o WHERE o.t = 'cases') x
    GROUP BY x.k HAVING NOT bool_or(x.ok)) y;
  IF late IS NOT NULL THEN
    INSERT INTO rs.conflicts (event_id, station, tab, record, case_no,
        central_state, arrived_state, owner, reason)
      SELECT w.event_id, p_station, 'cases', w.k::uuid, w.r->>'case_no',
        d.state, w.r->>'state', d.owner,
        'the case is held by another station'
      FROM (SELECT DISTINCT ON (w.k) * FROM rs_took w
        WHERE w.t = 'cases' AND w.k = ANY (late)
        ORDER BY w.k, w.seq DESC) w JOIN rs.cases d ON d.id = w.k::uuid
      WHERE d.owner <> p_station;
  END IF;

  UPDATE rs.stations SET high_water = s.hi, last_hash = s.last_hash,
      last_upload = now()
    WHERE id = p_station;
  DELETE FROM rs_staged;
  RETURN s.hi;
END
$fn$;

-- A station from before keeps its call: its batch goes the same way.
CREATE OR REPLACE FUNCTION rs.apply_batch(p_station uuid, p_name text)
RETURNS bigint
LANGUAGE plpgsql SECURITY DEFINER SET search_path = rs, pg_temp
AS $fn$
BEGIN
  PERFORM rs.inbox_open();
  INSERT INTO pg_temp.rs_inbox SELECT * FROM rs.inbox;
  DELETE FROM rs.inbox;
  PERFORM rs.stage(p_station);
  RETURN rs.apply(p_station, p_name);
END
$fn$;
