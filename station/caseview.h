/*
 * A case as stationctl and the office see it: every record of it, times in
 * the station's local time with its offset, and the customer's phone and
 * address masked unless the viewer's roles may see them (ROLE_SEES_CONTACT).
 */
#ifndef ST_CASEVIEW_H
#define ST_CASEVIEW_H

#include <stddef.h>

struct buf;
struct db;
struct db_case;
struct json;

/* Writes case cs as a JSON object for a viewer with roles (enum role bits);
 * whole adds its items, records and history. */
void	caseview_json(struct db *, struct json *, const struct db_case *cs,
	    int whole, unsigned roles);
/* Writes case cs for a person: fields, items, records, history. */
void	caseview_text(struct db *, struct buf *, const struct db_case *cs,
	    unsigned roles);
/* The title of a record section of the JSON ("repairs"), in English and
 * Chinese; the name itself if it is none. */
const char *caseview_title(const char *name);
/* A phone as "138****5678", an address as its first characters and "****";
 * unchanged when roles may see them. */
void	caseview_phone(const char *phone, unsigned roles, char *out, size_t len);
void	caseview_address(const char *addr, unsigned roles, char *out,
	    size_t len);

#endif
