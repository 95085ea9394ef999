/* A case as stationctl and the office see it. */
#ifndef ST_CASEVIEW_H
#define ST_CASEVIEW_H

struct buf;
struct db;
struct db_case;
struct json;

/* Writes case cs as a JSON object; with_items adds its items and history. */
void	caseview_json(struct db *, struct json *, const struct db_case *cs,
	    int with_items);
/* Writes case cs for a person: fields, items, history. */
void	caseview_text(struct db *, struct buf *, const struct db_case *cs);

#endif
