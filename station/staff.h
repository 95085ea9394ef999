/*
 * The station's operators: adding them, disabling them. The rules for a
 * badge (it is printed as a barcode) and for roles live here; stationctl
 * and the office page call these.
 */
#ifndef ST_STAFF_H
#define ST_STAFF_H

#include "result.h"

struct buf;
struct db;

/* Adds operator badge with name and roles ("intake,supervisor"), recorded
 * as done by actor. Says what happened or why not in reply. */
enum st_result staff_add(struct db *, const char *actor, const char *badge,
	    const char *name, const char *roles, struct buf *reply);
/* Disables badge at once, everywhere; an actor cannot disable their own. */
enum st_result staff_disable(struct db *, const char *actor,
	    const char *badge, struct buf *reply);
/* Gives badge these roles instead of its own; an actor cannot take away
 * their own admin role. */
enum st_result staff_set_roles(struct db *, const char *actor,
	    const char *badge, const char *roles, struct buf *reply);
/* Takes a disabled badge back. */
enum st_result staff_enable(struct db *, const char *actor,
	    const char *badge, struct buf *reply);

/* Sets badge's PIN (4 to 12 digits, kept as an argon2id hash), recorded as
 * done by actor. */
enum st_result staff_set_pin(struct db *, const char *actor,
	    const char *badge, const char *pin, struct buf *reply);

#endif
