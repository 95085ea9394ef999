/* Photos of a case: damage at intake, evidence for a supervisor. */
#ifndef ST_PHOTO_H
#define ST_PHOTO_H

#include <stddef.h>

#include "result.h"

#define PHOTO_MAX	(20 * 1024 * 1024)
#define PHOTO_FILES	16

struct buf;
struct db;
struct db_case;
struct db_operator;

struct photo_file {
	const char	*name;		/* as the user gave it */
	char		 sha[65];
	const char	*ext;
	char		 rel[96];	/* under data_dir */
	unsigned char	*data;		/* freed by photo_free() */
	size_t		 len;
};

/* Reads and checks the photo in the open file fd (named name, as the
 * user gave it) into p: a regular file whose JPEG or PNG header makes
 * sense and is not too large. Returns 0, or -1 with the reason appended to
 * err. */
int	photo_read_fd(int fd, const char *name, struct photo_file *p,
	    struct buf *err);
/* Stores n checked photos under data_dir and records them on case cs as
 * taken by op; says what happened or why not in reply. */
enum st_result photo_attach(struct db *, const char *data_dir,
	    const struct db_operator *op, const struct db_case *cs,
	    struct photo_file *ph, int n, struct buf *reply);
/* Frees what photo_read_fd() loaded into n photos. */
void	photo_free(struct photo_file *ph, int n);

#endif
