-- 4: the review list, for the stations to show: moves that arrived and were
-- not applied, the open ones first, newest last.
CREATE FUNCTION rs.conflict_list(p_all boolean, p_limit integer, p_skip integer)
RETURNS TABLE (id bigint, noticed_at timestamptz, case_no text,
  from_desk text, owner_desk text, action text, actor text,
  central_state text, arrived_state text, reason text,
  resolved_at timestamptz)
LANGUAGE sql STABLE SECURITY DEFINER SET search_path = rs, pg_temp
AS $fn$
  SELECT c.id, c.noticed_at, c.case_no, coalesce(s.name, c.station::text),
    coalesce(o.name, c.owner::text), e.action, e.actor, c.central_state,
    c.arrived_state, c.reason, c.resolved_at
  FROM rs.conflicts c
  JOIN rs.events e ON e.event_id = c.event_id
  LEFT JOIN rs.stations s ON s.id = c.station
  LEFT JOIN rs.stations o ON o.id = c.owner
  WHERE p_all OR c.resolved_at IS NULL
  ORDER BY c.id
  LIMIT p_limit OFFSET p_skip
$fn$;
