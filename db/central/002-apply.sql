-- 2: applying a station's upload. The station, inside one transaction,
-- copies its next events into rs.inbox and calls rs.apply_batch; the batch
-- is applied whole or not at all, and the station marks its events sent
-- only after the commit. A batch sent again changes nothing.
CREATE FUNCTION rs.apply_batch(p_station uuid, p_name text)
RETURNS bigint
LANGUAGE plpgsql SECURITY DEFINER SET search_path = rs, pg_temp
AS $fn$
DECLARE
  hw bigint; lh text; lo bigint; hi bigint; n bigint; bad bigint;
  t record; cols text; xcols text; rule text; gone boolean;
  other boolean; first bigint;
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

  INSERT INTO rs.events (event_id, station, seq, at, actor, action, entity,
      entity_id, entity_uid, detail, fields, hv, prev_hash, hash)
    SELECT event_id, station, seq, at, actor, action, entity, entity_id,
      entity_uid, detail, fields::jsonb, hv, prev_hash, hash
    FROM rs.inbox WHERE seq > hw ORDER BY seq
    ON CONFLICT (event_id) DO NOTHING;

  -- each record's last write in the batch
  IF to_regclass('pg_temp.rs_rows') IS NULL THEN
    CREATE TEMP TABLE rs_rows (t text, k text, seq bigint,
      ev_at timestamptz, event_id uuid, r jsonb, c jsonb, ok boolean)
      ON COMMIT DELETE ROWS;
  END IF;
  INSERT INTO rs_rows
    SELECT DISTINCT ON (x->>'t', coalesce(x->'r'->>'id', x->'r'->>'code'))
      x->>'t', coalesce(x->'r'->>'id', x->'r'->>'code'), e.seq, e.at,
      e.event_id, x->'r', x->'c', false
    FROM rs.events e CROSS JOIN LATERAL jsonb_array_elements(e.fields->'rows') x
    WHERE e.station = p_station AND e.seq BETWEEN lo AND hi
    ORDER BY x->>'t', coalesce(x->'r'->>'id', x->'r'->>'code'), e.seq DESC;

  FOR t IN SELECT * FROM rs.synced WHERE mode <> 'child' ORDER BY ord LOOP
    CONTINUE WHEN NOT EXISTS (SELECT 1 FROM rs_rows WHERE rs_rows.t = t.name);
    SELECT string_agg(quote_ident(attname), ', ' ORDER BY attnum),
        string_agg('EXCLUDED.' || quote_ident(attname), ', ' ORDER BY attnum)
      INTO cols, xcols
      FROM pg_attribute
      WHERE attrelid = ('rs.' || t.name)::regclass AND attnum > 0
        AND NOT attisdropped AND attname <> t.key;
    IF t.mode = 'fact' THEN
      rule := 'DO NOTHING';
    ELSIF t.name = 'cases' THEN
      -- only the station that holds the goods moves a case; its handover
      -- names the next (the row's owner; none: the writer keeps it)
      rule := format('DO UPDATE SET (%s) = ROW(%s) WHERE d.owner = EXCLUDED.station'
        ' AND (d.station <> EXCLUDED.station OR d.seq < EXCLUDED.seq)', cols, xcols);
    ELSE
      rule := format('DO UPDATE SET (%s) = ROW(%s) WHERE (d.station = EXCLUDED.station'
        ' AND d.seq < EXCLUDED.seq) OR (d.station <> EXCLUDED.station'
        ' AND d.ev_at <= EXCLUDED.ev_at)', cols, xcols);
    END IF;
    -- (LATERAL: "(f(x)).*" would call f once a column)
    EXECUTE format('WITH up AS (INSERT INTO rs.%I AS d'
      ' SELECT p.* FROM rs_rows w CROSS JOIN LATERAL jsonb_populate_record('
      'NULL::rs.%I, w.r || jsonb_build_object(''station'', $1, ''seq'', w.seq,'
      ' ''ev_at'', w.ev_at, ''owner'', coalesce(w.r->>''owner'', $1::text))) p'
      ' WHERE w.t = %L ON CONFLICT (%I) %s RETURNING d.%I::text AS k)'
      ' UPDATE rs_rows w SET ok = true FROM up WHERE w.t = %L AND w.k = up.k',
      t.name, t.name, t.name, t.key, rule, t.key, t.name) USING p_station;
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
  SELECT EXISTS (SELECT 1 FROM rs.events e WHERE e.station = p_station
    AND e.seq BETWEEN lo AND hi AND e.fields ? 'gone') INTO gone;
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

-- where a station stands, for its status and for a restart
CREATE FUNCTION rs.high_water(p_station uuid)
RETURNS bigint
LANGUAGE sql STABLE SECURITY DEFINER SET search_path = rs, pg_temp
AS $fn$
  SELECT coalesce((SELECT high_water FROM rs.stations WHERE id = p_station), 0)
$fn$;
