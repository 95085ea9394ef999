/* How a request to the station ended. */
#ifndef ST_RESULT_H
#define ST_RESULT_H

enum st_result {
	ST_OK = 0,		/* done and durable */
	ST_REFUSED = -1,	/* bad input or the wrong moment; nothing changed */
	ST_FAILED = -2,		/* could not be stored; nothing changed */
};

#endif
